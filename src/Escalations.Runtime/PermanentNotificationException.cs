namespace Escalations.Runtime;

/// <summary>A notification that can never be delivered (an unknown recipient, a rejected address): dead-lettered at once.</summary>
public sealed class PermanentNotificationException(string message, Exception? inner = null) : Exception(message, inner);

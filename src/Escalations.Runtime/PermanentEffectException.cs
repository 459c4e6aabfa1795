namespace Escalations.Runtime;

/// <summary>
/// An effect that can never succeed (a rejected address, a refused token, a record the other system will not take):
/// dead-lettered at once, with this message as the reason.
/// </summary>
public sealed class PermanentEffectException(string message, Exception? inner = null) : Exception(message, inner);

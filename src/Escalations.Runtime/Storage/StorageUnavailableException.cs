namespace Escalations.Runtime.Storage;

/// <summary>Storage could not be reached or failed; nothing of this write was stored.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);

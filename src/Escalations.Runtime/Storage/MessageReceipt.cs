namespace Escalations.Runtime.Storage;

/// <summary>Identifies one sent message, so its sender can delete it or hide it longer.</summary>
public sealed record MessageReceipt(string MessageId, string PopReceipt);

namespace Escalations.Testing;

public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data, string? User, string? Password);

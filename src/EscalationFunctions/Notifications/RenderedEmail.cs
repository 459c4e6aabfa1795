namespace EscalationFunctions.Notifications;

public sealed record RenderedEmail(string Subject, string Text, string Html);

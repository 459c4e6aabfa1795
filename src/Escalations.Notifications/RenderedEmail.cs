namespace Escalations.Notifications;

public sealed record RenderedEmail(string Subject, string Text, string Html);

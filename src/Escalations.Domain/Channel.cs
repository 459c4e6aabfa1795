namespace Escalations.Domain;

/// <summary>Where an event came from; recorded as the channel of the history entry it produces.</summary>
public enum Channel
{
    /// <summary>The contact-center platform, on the agent's behalf.</summary>
    ContactCenter,
    /// <summary>A supervisor or manager using the API.</summary>
    Api,
    /// <summary>A one-click link in a notification email.</summary>
    EmailLink,
    Email,
    Phone,
    Chat,
    /// <summary>The workflow itself: timers and automatic steps.</summary>
    System,
    /// <summary>The supervisors' console, as the signed-in person.</summary>
    Console,
}

namespace EscalationFunctions.Apis;

/// <summary>How someone was reached outside this API: a supervisor asked for guidance, the TS&amp;R Management Team asked for help.</summary>
public enum ContactChannel
{
    Phone,
    Chat,
    Email,
}

namespace EscalationFunctions.Apis;

/// <summary>How a supervisor reached the TS&amp;R Management Team outside this API (the process names these three).</summary>
public enum ManagementChannel
{
    Phone,
    Chat,
    Email,
}

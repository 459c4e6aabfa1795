namespace Escalations.Runtime.Storage;

/// <summary>How the SLA compliance report groups escalations.</summary>
public enum ReportGrouping
{
    /// <summary>The BPO vendor of the agent who took the call; in-house agents form one group.</summary>
    Vendor,
    /// <summary>The supervisor who owns the callback (or took over the call); "(none)" while nobody has.</summary>
    Supervisor,
    /// <summary>In-house or BPO.</summary>
    Affiliation,
}

namespace Escalations.Domain;

public sealed record Recipient(RecipientRole Role, string? Vendor = null, string? SupervisorId = null)
{
    public override string ToString() => Role switch
    {
        RecipientRole.VendorSupervisors => $"{Vendor} supervisors",
        RecipientRole.Supervisor => $"supervisor {SupervisorId}",
        RecipientRole.InHouseSupervisors => "in-house supervisors",
        _ => "TS&R Management Team",
    };
}

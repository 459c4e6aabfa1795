namespace Escalations.Domain;

/// <summary>Who receives a notification, as a role the notification layer turns into addresses.</summary>
public enum RecipientRole
{
    /// <summary>The supervisors of a BPO vendor (see <see cref="Recipient.Vendor"/>).</summary>
    VendorSupervisors,
    /// <summary>The in-house TS&amp;R supervisors.</summary>
    InHouseSupervisors,
    /// <summary>One supervisor (see <see cref="Recipient.SupervisorId"/>).</summary>
    Supervisor,
    ManagementTeam,
}

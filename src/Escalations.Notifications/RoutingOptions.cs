using Escalations.Domain;

namespace Escalations.Notifications;

/// <summary>Email addresses for each recipient role (configuration section <c>Routing</c>).</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Routing";

    public List<string> ManagementTeam { get; set; } = [];

    public List<string> InHouseSupervisors { get; set; } = [];

    /// <summary>By vendor name, as agents' <c>vendor</c> field gives it: <c>Routing:Vendors:Acme:Supervisors:0</c>.</summary>
    public Dictionary<string, VendorRouting> Vendors { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Individual supervisors by id: <c>Routing:Supervisors:sup-1</c> = address.</summary>
    public Dictionary<string, string> Supervisors { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The addresses for a recipient. A supervisor or vendor with no address configured falls back to the in-house
    /// supervisors, so a notification is redirected rather than lost; the returned note says so.
    /// </summary>
    public (IReadOnlyList<string> Addresses, string? Note) Resolve(Recipient to) => to.Role switch
    {
        RecipientRole.ManagementTeam => (ManagementTeam, null),
        RecipientRole.InHouseSupervisors => (InHouseSupervisors, null),
        RecipientRole.VendorSupervisors when to.Vendor is not null && Vendors.TryGetValue(to.Vendor, out var v) && v.Supervisors.Count > 0 => (v.Supervisors, null),
        RecipientRole.VendorSupervisors => (InHouseSupervisors, $"No supervisors are configured for vendor {to.Vendor}; sent to the in-house supervisors."),
        RecipientRole.Supervisor when to.SupervisorId is not null && Supervisors.TryGetValue(to.SupervisorId, out var a) => ([a], null),
        _ => (InHouseSupervisors, $"No address is configured for supervisor {to.SupervisorId}; sent to the in-house supervisors."),
    };
}

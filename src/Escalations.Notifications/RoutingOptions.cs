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
    /// Every problem with the addresses, naming the setting: each must be an email address; outside the Development
    /// environment the management team and the in-house supervisors are required (they are where every fallback
    /// ends) and placeholder domains are refused, so a notice is never sent to a placeholder.
    /// </summary>
    public IReadOnlyList<string> Validate(bool allowPlaceholders)
    {
        var problems = new List<string>();
        void Check(string setting, IEnumerable<string> addresses)
        {
            foreach (var address in addresses)
            {
                if (!EmailAddresses.IsValid(address))
                    problems.Add($"{setting} has '{address}', which is not an email address.");
                else if (!allowPlaceholders && EmailAddresses.IsPlaceholder(address))
                    problems.Add($"{setting} has '{address}', a placeholder address: set the real one (placeholders are allowed only in the Development environment).");
            }
        }

        if (!allowPlaceholders && ManagementTeam.Count == 0)
            problems.Add($"{SectionName}:ManagementTeam is required outside the Development environment: SLA breaches and requests for assistance go there (one address, or several separated by ';').");
        if (!allowPlaceholders && InHouseSupervisors.Count == 0)
            problems.Add($"{SectionName}:InHouseSupervisors is required outside the Development environment: callback requests, threats and every fallback go there (one address, or several separated by ';').");
        Check($"{SectionName}:ManagementTeam", ManagementTeam);
        Check($"{SectionName}:InHouseSupervisors", InHouseSupervisors);
        foreach (var (vendor, routing) in Vendors) Check($"{SectionName}:Vendors:{vendor}:Supervisors", routing.Supervisors);
        foreach (var (supervisor, address) in Supervisors) Check($"{SectionName}:Supervisors:{supervisor}", [address]);
        return problems;
    }

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

using EscalationFunctions.Http;

namespace EscalationFunctions.Console;

/// <summary>The supervisors' console and who may use it (configuration section <c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>How people sign in. Only <see cref="SignInMode.AppServiceAuthentication"/> makes the app trust the principal header.</summary>
    public SignInMode SignIn { get; set; } = SignInMode.None;

    /// <summary>The claim of the signed-in person that is their supervisor id (Entra: <c>preferred_username</c>, <c>oid</c>, or a custom claim).</summary>
    public string SupervisorIdClaim { get; set; } = "preferred_username";

    /// <summary>The claim with the person's display name.</summary>
    public string NameClaim { get; set; } = "name";

    /// <summary>The app role (the value in the <c>roles</c> claim) that opens the management view.</summary>
    public string ManagementRole { get; set; } = "Escalations.Management";

    /// <summary>For the development sign-in: supervisor id → display name, as <c>Console:DevelopmentPeople:sup-1</c>.</summary>
    public Dictionary<string, string> DevelopmentPeople { get; set; } = new(StringComparer.Ordinal);

    /// <summary>For the development sign-in: the ids among <see cref="DevelopmentPeople"/> who hold the management role.</summary>
    public List<string> DevelopmentManagers { get; set; } = [];

    /// <summary>How often an open page asks whether its list changed (a conditional request, answered 304 when not).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IReadOnlyList<string> Validate(bool development)
    {
        var problems = new List<string>();
        if (SignIn == SignInMode.Development && !development)
            problems.Add($"{SectionName}:SignIn is Development, which is allowed only in the Development environment: use AppServiceAuthentication in Azure.");
        if (SignIn == SignInMode.AppServiceAuthentication && string.IsNullOrWhiteSpace(SupervisorIdClaim))
            problems.Add($"{SectionName}:SupervisorIdClaim must name the claim that holds the supervisor id.");
        if (string.IsNullOrWhiteSpace(ManagementRole)) problems.Add($"{SectionName}:ManagementRole must name an app role.");
        foreach (var (id, name) in DevelopmentPeople)
        {
            var rules = new RequestRules().Id("id", id).Name("name", name, required: true);
            if (!rules.IsValid) problems.Add($"{SectionName}:DevelopmentPeople:{id} is not a usable person: {string.Join(" ", rules.Errors.SelectMany(e => e.Value))}");
        }

        foreach (var id in DevelopmentManagers.Where(m => !DevelopmentPeople.ContainsKey(m)))
            problems.Add($"{SectionName}:DevelopmentManagers has '{id}', who is not in {SectionName}:DevelopmentPeople.");
        if (RefreshInterval < TimeSpan.FromMilliseconds(200) || RefreshInterval > TimeSpan.FromMinutes(5))
            problems.Add($"{SectionName}:RefreshInterval must be between 00:00:00.2 and 00:05:00 (was {RefreshInterval}).");
        return problems;
    }
}

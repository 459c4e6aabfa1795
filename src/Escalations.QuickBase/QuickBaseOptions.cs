namespace Escalations.QuickBase;

/// <summary>
/// The QuickBase connector (configuration section <c>QuickBase</c>). Off until <see cref="Realm"/> is set; then the
/// table, the user token and the merge field are required.
/// </summary>
public sealed class QuickBaseOptions
{
    public const string SectionName = "QuickBase";

    /// <summary>The realm's host name, such as contoso.quickbase.com (sent as QB-Realm-Hostname). Empty: the connector is off.</summary>
    public string Realm { get; set; } = "";

    /// <summary>The id of the table that holds the Supervisor Call Back Follow-Up Requests.</summary>
    public string TableId { get; set; } = "";

    /// <summary>A QuickBase user token with write access to the table (a Key Vault reference in Azure).</summary>
    public string UserToken { get; set; } = "";

    /// <summary>The JSON API's base address.</summary>
    public string BaseUrl { get; set; } = "https://api.quickbase.com/v1";

    /// <summary>How long one call may take before it is abandoned and retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait after a 429 that names no Retry-After.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    public QuickBaseFields Fields { get; set; } = new();

    public bool Enabled => !string.IsNullOrWhiteSpace(Realm);

    /// <summary>Every problem with the values, as sentences naming the setting; empty when valid (or off).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Enabled) return problems;
        if (Realm.Contains('/', StringComparison.Ordinal) || Realm.Contains(':', StringComparison.Ordinal))
            problems.Add($"{SectionName}:Realm is a host name such as contoso.quickbase.com, not an address (was '{Realm}').");
        if (string.IsNullOrWhiteSpace(TableId))
            problems.Add($"{SectionName}:TableId is required when {SectionName}:Realm is set.");
        if (string.IsNullOrWhiteSpace(UserToken))
            problems.Add($"{SectionName}:UserToken is required when {SectionName}:Realm is set (a Key Vault reference in Azure).");
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || !(url.Scheme == Uri.UriSchemeHttps || url.IsLoopback))
            problems.Add($"{SectionName}:BaseUrl must be an https address (was '{BaseUrl}').");
        if (Timeout <= TimeSpan.Zero || DefaultRetryAfter <= TimeSpan.Zero)
            problems.Add($"{SectionName}:Timeout and {SectionName}:DefaultRetryAfter must be positive.");
        if (Fields.EscalationId == 0)
            problems.Add($"{SectionName}:Fields:EscalationId is required: the id of a unique text field that records are merged on.");
        foreach (var (name, id) in Fields.Mapped().Where(f => f.Id is < 6))
            problems.Add($"{SectionName}:Fields:{name} is {id}; fields 1 to 5 are QuickBase's own (Record ID# is 3): use a field of your table, 6 or above.");
        foreach (var duplicate in Fields.Mapped().GroupBy(f => f.Id).Where(g => g.Count() > 1))
            problems.Add($"{SectionName}:Fields: {string.Join(" and ", duplicate.Select(f => f.Name))} name the same field {duplicate.Key}.");
        return problems;
    }
}

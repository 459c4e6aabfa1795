namespace EscalationFunctions.Http;

/// <summary>Limits and behaviour of the HTTP API (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public int MaxBodyBytes { get; set; } = 32 * 1024;

    public int DefaultPageSize { get; set; } = 50;

    public int MaxPageSize { get; set; } = 200;

    /// <summary>A new supervisor request for an account with an open callback joins that callback instead of starting a second 48-hour clock.</summary>
    public bool LinkRepeatCalls { get; set; } = true;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxBodyBytes is < 1024 or > 1024 * 1024) problems.Add($"{SectionName}:MaxBodyBytes must be between 1024 and 1048576 (was {MaxBodyBytes}).");
        if (MaxPageSize is < 1 or > 1000) problems.Add($"{SectionName}:MaxPageSize must be between 1 and 1000 (was {MaxPageSize}).");
        if (DefaultPageSize < 1 || DefaultPageSize > MaxPageSize) problems.Add($"{SectionName}:DefaultPageSize must be between 1 and MaxPageSize (was {DefaultPageSize}).");
        return problems;
    }
}

namespace Escalations.Runtime;

/// <summary>
/// The configuration cannot run the service. Thrown once at start-up with every problem found in every section,
/// each naming its setting, the value given and what is expected; the app prints <see cref="Exception.Message"/>
/// and exits without a stack trace.
/// </summary>
public sealed class InvalidConfigurationException(IReadOnlyList<string> problems)
    : Exception("The configuration is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>Throws when <paramref name="problems"/> holds anything.</summary>
    public static void ThrowIfAny(IReadOnlyCollection<string> problems)
    {
        if (problems.Count > 0) throw new InvalidConfigurationException([.. problems]);
    }
}

namespace Escalations.Runtime;

/// <summary>The other system asked to be called again no sooner than <see cref="RetryAfter"/> (HTTP 429 or 503 with Retry-After).</summary>
public sealed class RetryAfterException(TimeSpan retryAfter, string message) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

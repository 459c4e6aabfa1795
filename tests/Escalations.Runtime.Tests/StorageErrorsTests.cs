using Azure;
using Escalations.Runtime.Storage;

namespace Escalations.Runtime.Tests;

/// <summary>Which failures are storage being away or slow (the caller can only wait: 503), and which are not.</summary>
public class StorageErrorsTests
{
    [Fact]
    public void Tries_that_each_outlasted_the_storage_timeout_are_storage_being_unavailable()
    {
        var timedOut = new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:10.");
        var exhausted = new AggregateException("Retry failed after 3 tries.", timedOut, new RequestFailedException(503, "Server busy"), timedOut);

        Assert.True(StorageErrors.IsUnavailable(exhausted));
        Assert.True(StorageErrors.IsUnavailable(new RequestFailedException(429, "Too many requests")));
        Assert.True(StorageErrors.IsUnavailable(new RequestFailedException(0, "Connection refused")));
    }

    [Fact]
    public void Refusals_and_a_bare_cancellation_are_not_storage_being_unavailable()
    {
        Assert.False(StorageErrors.IsUnavailable(new RequestFailedException(409, "Conflict")));
        Assert.False(StorageErrors.IsUnavailable(new RequestFailedException(412, "Precondition failed")));
        Assert.False(StorageErrors.IsUnavailable(new AggregateException(new RequestFailedException(403, "Forbidden"), new TaskCanceledException())));
        // The caller's own cancellation stops the retries and comes alone: that is not an outage.
        Assert.False(StorageErrors.IsUnavailable(new OperationCanceledException()));
    }
}

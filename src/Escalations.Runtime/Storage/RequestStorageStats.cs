namespace Escalations.Runtime.Storage;

/// <summary>Storage calls awaited before the answer, for one HTTP function, over all its requests so far.</summary>
public sealed record RequestStorageStats(long Requests, long Calls, long RoundTrips, int MaxRoundTrips)
{
    public double CallsPerRequest => Requests == 0 ? 0 : Calls / (double)Requests;

    public double RoundTripsPerRequest => Requests == 0 ? 0 : RoundTrips / (double)Requests;

    public RequestStorageStats Add(StorageCallLog log)
    {
        var trips = log.SequentialRoundTrips;
        return new(Requests + 1, Calls + log.Kinds.Count, RoundTrips + trips, Math.Max(MaxRoundTrips, trips));
    }
}

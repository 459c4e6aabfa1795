using System.Diagnostics;

namespace Escalations.Runtime.Storage;

/// <summary>
/// The storage calls one piece of work (an HTTP request) made, with when each started and ended, so the number of
/// round trips it waited for one after another can be told apart from calls that overlapped.
/// </summary>
public sealed class StorageCallLog
{
    private readonly List<(string Kind, long Start, long End)> _calls = [];
    private bool _closed;

    /// <summary>Calls recorded, in the order they ended.</summary>
    public IReadOnlyList<string> Kinds
    {
        get
        {
            lock (_calls) return _calls.Select(c => c.Kind).ToList();
        }
    }

    /// <summary>
    /// The longest chain of calls each of which started after the previous one ended: the round trips the work
    /// waited for in sequence. Calls that overlapped (sent together, awaited together) count once.
    /// </summary>
    public int SequentialRoundTrips
    {
        get
        {
            List<(string Kind, long Start, long End)> calls;
            lock (_calls) calls = [.. _calls.OrderBy(c => c.End)];
            var chain = new int[calls.Count];
            for (var i = 0; i < calls.Count; i++)
            {
                chain[i] = 1;
                for (var j = 0; j < i; j++)
                    if (calls[j].End <= calls[i].Start) chain[i] = Math.Max(chain[i], chain[j] + 1);
            }

            return chain.Length == 0 ? 0 : chain.Max();
        }
    }

    /// <summary>Stops recording: calls made after this (once the answer is on its way) are not the caller's wait.</summary>
    public void Close()
    {
        lock (_calls) _closed = true;
    }

    internal static long Now() => Stopwatch.GetTimestamp();

    internal void Add(string kind, long start, long end)
    {
        lock (_calls)
        {
            if (!_closed) _calls.Add((kind, start, end));
        }
    }
}

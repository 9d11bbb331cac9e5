using System.Collections.Concurrent;

namespace OneStop.Workflows.Benchmarks.EndToEnd;

/// <summary>Latencies per kind of call and the errors of one load level; safe to use from every virtual user at once.</summary>
internal sealed class LoadRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();

    public void Record(string metric, TimeSpan elapsed) => _latencies.GetOrAdd(metric, _ => []).Add(elapsed.TotalMilliseconds);

    public void Error(string what) => _errors.AddOrUpdate(what.Length <= 160 ? what : what[..160], 1, (_, n) => n + 1);

    public int ErrorCount => _errors.Values.Sum();

    public IReadOnlyDictionary<string, int> Errors => _errors;

    /// <summary>The samples of a metric in milliseconds (the chaos soak, issue 12, merges per-minute recorders into windows).</summary>
    public IReadOnlyCollection<double> Samples(string metric) => _latencies.TryGetValue(metric, out var bag) ? bag.ToArray() : [];

    public int Count(string metric) => _latencies.TryGetValue(metric, out var bag) ? bag.Count : 0;

    /// <summary>The <paramref name="percentile"/>th percentile (nearest rank) of a metric, in milliseconds; NaN without samples.</summary>
    public double Percentile(string metric, double percentile)
    {
        if (!_latencies.TryGetValue(metric, out var bag) || bag.IsEmpty)
        {
            return double.NaN;
        }

        var sorted = bag.ToArray();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

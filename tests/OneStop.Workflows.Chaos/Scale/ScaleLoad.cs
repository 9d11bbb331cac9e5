using System.Diagnostics;
using System.Globalization;
using OneStop.Workflows.Benchmarks.EndToEnd;

namespace OneStop.Workflows.Chaos.Scale;

/// <summary>What one throughput measurement gave: the recorder's latencies and errors, the cases completed and how long it ran.</summary>
internal sealed record LoadLevel(string Label, LoadRecorder Recorder, int Cases, TimeSpan Elapsed, TimeSpan ServerCpu)
{
    public double CasesPerSecond => Cases / Elapsed.TotalSeconds;

    public const string Header =
        "| load | completed cases/s | review decision p50 / p99 (ms) | acceptance p50 / p99 (ms) | whole case p50 / p99 (ms) | server CPU ms per case / CPU s per s (all nodes) | errors |\n|---|---|---|---|---|---|---|";

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Label} | {CasesPerSecond:F1} ({Cases:N0} in {Elapsed.TotalSeconds:F1} s) | {Recorder.Percentile("review", 50):F1} / {Recorder.Percentile("review", 99):F1} | {Recorder.Percentile("accept", 50):F1} / {Recorder.Percentile("accept", 99):F1} | {Recorder.Percentile("case", 50):F0} / {Recorder.Percentile("case", 99):F0} | {ServerCpu.TotalMilliseconds / Math.Max(Cases, 1):F1} / {ServerCpu.TotalSeconds / Elapsed.TotalSeconds:F2} | {Recorder.ErrorCount}{Describe(Recorder.Errors)} |");

    private static string Describe(IReadOnlyDictionary<string, int> errors) =>
        errors.Count == 0 ? string.Empty : " (" + string.Join("; ", errors.OrderByDescending(e => e.Value).Take(3).Select(e => $"{e.Value}× {e.Key.Replace('|', '/')}")) + ")";
}

/// <summary>The closed loop the scenarios measure with: N virtual users each playing whole cases one after another for T.</summary>
internal static class ScaleLoad
{
    public static async Task<LoadLevel> ClosedLoopAsync(string label, CasePlayer player, int users, TimeSpan duration, string runKey, Func<TimeSpan> serverCpu)
    {
        var recorder = new LoadRecorder();
        var cases = 0;
        var cpuBefore = serverCpu();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, users).Select(async user =>
        {
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                if (await player.PlayAsync(recorder, $"{runKey}-{user}-{i}", CancellationToken.None) is not null)
                {
                    Interlocked.Increment(ref cases);
                }
            }
        }));
        var elapsed = clock.Elapsed;
        return new LoadLevel(label, recorder, cases, elapsed, serverCpu() - cpuBefore);
    }
}

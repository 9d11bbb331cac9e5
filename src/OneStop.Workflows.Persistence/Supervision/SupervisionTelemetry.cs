using System.Diagnostics;
using System.Diagnostics.Metrics;
using NodaTime;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// The deadline sweep's traces and metrics, in .NET's own types (the server chooses an exporter; docs/operations.md,
/// "What to monitor"): signals fired per level, how late each fired after its due instant, each sweep's duration, and the
/// backlog — pending signals whose due instant has passed — as <see cref="SignalBacklogProbe"/> last counted it.
/// </summary>
public static class SupervisionTelemetry
{
    /// <summary>The name of the sweep's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "OneStop.Workflows.Supervision";

    /// <summary>Span <c>deadline.sweep</c>.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Fired = Meter.CreateCounter<long>(
        "onestop.sweep.signals.fired", "{signal}", "Signals the deadline sweep raised (committed), by level.");

    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "onestop.sweep.lag", "s", "How long after its due instant a signal was raised.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "onestop.sweep.duration", "s", "One sweep: every due batch until none is left.");

    private static long _overdue = -1;
    private static double _oldestOverdueAge;

    static SupervisionTelemetry()
    {
        Meter.CreateObservableGauge("onestop.signals.overdue", () => Interlocked.Read(ref _overdue) is var n and >= 0 ? [new Measurement<long>(n)] : Array.Empty<Measurement<long>>(),
            "{signal}", "Pending signals due longer ago than the sweep's grace (should be 0; counted every probe interval).");
        Meter.CreateObservableGauge("onestop.signals.overdue.oldest_age", () => Interlocked.Read(ref _overdue) >= 0 ? [new Measurement<double>(Volatile.Read(ref _oldestOverdueAge))] : Array.Empty<Measurement<double>>(),
            "s", "Age of the oldest overdue pending signal (0 when none).");
    }

    /// <summary>Records a committed batch: one count per level and one lag per signal.</summary>
    internal static void RecordFired(IEnumerable<SignalRow> fired, Instant now)
    {
        foreach (var signal in fired)
        {
            var level = new KeyValuePair<string, object?>("level", signal.Level.ToString());
            Fired.Add(1, level);
            Lag.Record(Math.Max(0, (now - signal.DueAt).TotalSeconds), level);
        }
    }

    internal static void RecordSweep(TimeSpan elapsed, int fired) =>
        Duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("fired", fired > 0));

    /// <summary>The backlog as last counted (-1: not counted yet).</summary>
    public static (long Count, double OldestAgeSeconds) Backlog => (Interlocked.Read(ref _overdue), Volatile.Read(ref _oldestOverdueAge));

    internal static void ReportBacklog(long count, double oldestAgeSeconds)
    {
        Volatile.Write(ref _oldestOverdueAge, oldestAgeSeconds);
        Interlocked.Exchange(ref _overdue, count);
    }
}

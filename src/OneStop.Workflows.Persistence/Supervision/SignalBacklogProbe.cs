using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// Counts the sweep's backlog: pending signals whose due instant lies more than <paramref name="grace"/> in the past (a
/// healthy sweep leaves none: it runs every <c>Supervision:SweepIntervalSeconds</c>). One query on the pending-due partial
/// index, capped at <see cref="Cap"/> rows; the answer feeds <see cref="SupervisionTelemetry"/>'s gauges.
/// </summary>
public sealed class SignalBacklogProbe(IDbContextFactory<OneStopDbContext> contexts, IClock clock)
{
    /// <summary>The most overdue signals counted (a larger backlog reports this number).</summary>
    public const int Cap = 1_000_000;

    /// <summary>Counts, reports to the gauges and answers the overdue count and the oldest one's age in seconds.</summary>
    public async Task<(long Count, double OldestAgeSeconds)> ProbeAsync(Duration grace, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var cutoff = now - grace;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var overdue = db.Signals.AsNoTracking().Where(s => s.FiredAt == null && s.DueAt < cutoff);
        var oldest = await overdue.OrderBy(s => s.DueAt).Select(s => (Instant?)s.DueAt).FirstOrDefaultAsync(ct);
        var count = oldest is null ? 0 : await overdue.OrderBy(s => s.DueAt).Take(Cap).CountAsync(ct);
        var age = oldest is { } o ? (now - o).TotalSeconds : 0;
        SupervisionTelemetry.ReportBacklog(count, age);
        return (count, age);
    }

    /// <summary>Withdraws the last count from the gauges (the probe failed: a stale count would mislead).</summary>
    public static void Forget() => SupervisionTelemetry.ReportBacklog(-1, 0);
}

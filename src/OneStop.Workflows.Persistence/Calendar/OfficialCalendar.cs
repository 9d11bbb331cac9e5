using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;

namespace OneStop.Workflows.Persistence.Calendar;

/// <summary>
/// The calendar in force: the stored years (the shipped ones are seeded when missing), cached in memory and
/// replaced atomically on import.
/// </summary>
/// <remarks>Thread-safe: readers get an immutable <see cref="WorkingDayCalendar"/>; an import swaps the reference.</remarks>
public sealed class OfficialCalendar(IDbContextFactory<OneStopDbContext> contexts, IClock clock)
{
    private volatile WorkingDayCalendar? _current;

    /// <summary>The calendar in force (loaded on first use).</summary>
    public async Task<WorkingDayCalendar> CurrentAsync(CancellationToken ct) => _current ?? await ReloadAsync(ct);

    /// <summary>Stores the shipped years that are missing (audited) and loads the calendar.</summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var present = await db.CalendarYears.Select(r => r.Year).ToListAsync(ct);
        var now = clock.GetCurrentInstant();
        foreach (var year in ShippedCalendars.All.Where(y => !present.Contains(y.Year)))
        {
            db.CalendarYears.Add(CalendarYearRow.From(year, now, "system"));
            db.AuditEvents.Add(new AuditEvent(now, "system", "CalendarYearSeeded", null, year.Year.ToString(), null, year.Source));
        }

        await db.SaveChangesAsync(ct);
        await ReloadAsync(ct);
    }

    /// <summary>Stores (adds or replaces) a year, audited with the previous data, and puts it in force.</summary>
    public async Task<(CalendarYear? Previous, WorkingDayCalendar Calendar)> ImportAsync(CalendarYear year, string user, string? reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        var row = await db.CalendarYears.FirstOrDefaultAsync(r => r.Year == year.Year, ct);
        var previous = row?.ToYear();
        var replacement = CalendarYearRow.From(year, now, user);
        if (row is null)
        {
            db.CalendarYears.Add(replacement);
        }
        else
        {
            row.Data = replacement.Data;
            row.Source = replacement.Source;
            row.UpdatedAt = now;
            row.UpdatedBy = user;
        }

        db.AuditEvents.Add(new AuditEvent(now, user, "CalendarYearImported", null, year.Year.ToString(),
            System.Text.Json.JsonSerializer.Serialize(new { before = previous is null ? null : CalendarYearRow.From(previous, now, user).Data, after = replacement.Data }), reason));
        await db.SaveChangesAsync(ct);
        return (previous, await ReloadAsync(ct));
    }

    private async Task<WorkingDayCalendar> ReloadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.CalendarYears.AsNoTracking().ToListAsync(ct);
        var calendar = new WorkingDayCalendar(rows.Count == 0 ? ShippedCalendars.All : rows.Select(r => r.ToYear()));
        _current = calendar;
        return calendar;
    }
}

using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Persistence.Calendar;

/// <summary>
/// The answer to a change of the calendar: the calendar in force (<paramref name="Changed"/> false when there was nothing
/// to change, nothing audited), or the <see cref="Refusal"/> (then nothing changed).
/// </summary>
public readonly record struct CalendarChange(WorkingDayCalendar? Calendar, bool Changed, Refusal? Refusal)
{
    public static implicit operator CalendarChange(Refusal refusal) => new(null, false, refusal);
}

/// <summary>
/// The calendar in force: the stored years (the shipped ones are seeded when missing) with the centre's regional adjustments,
/// cached in memory and replaced atomically on every change. What a change may do is decided by <see cref="CalendarChangeRules"/>
/// (Domain); this class loads the year, stores the change with its audit event and announces it to the other nodes.
/// </summary>
/// <remarks>
/// Thread-safe: readers get an immutable <see cref="WorkingDayCalendar"/>; a change swaps the reference. A year's national data and
/// its regional adjustments share one row, so every change writes the row only if its data is still what was read (compare and
/// swap on <c>data</c>): a national import and a regional change at the same moment cannot undo each other — the later one is refused.
/// </remarks>
public sealed class EffectiveCalendarStore(IDbContextFactory<OneStopDbContext> contexts, IClock clock, OneStopDatabaseOptions database)
{
    /// <summary>
    /// The PostgreSQL channel a calendar change is announced on (payload: the year), in the writing transaction, so the
    /// other server nodes reload their cached calendar when it commits.
    /// </summary>
    public const string ChangedChannel = "onestop_calendar";

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
            db.CalendarYears.Add(CalendarYearRow.From(year, null, now, SystemActor.Name));
            db.AuditEvents.Add(new AuditEvent(now, SystemActor.Name, AuditActions.CalendarYearSeeded, null, year.Year.ToString(), null, year.Source));
        }

        await db.SaveChangesAsync(ct);
        await ReloadAsync(ct);
    }

    /// <summary>Stores (adds or replaces) a national year, keeping the year's regional adjustments (<see cref="CalendarChangeRules.Import"/>), audited with the previous and the new data.</summary>
    public async Task<CalendarChange> ImportAsync(CalendarYear year, string user, string? reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.CalendarYears.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year.Year, ct);
        var (change, refusal) = CalendarChangeRules.Import(year, row?.ToRegional());
        return change is null ? refusal! : await StoreAsync(db, row, change, user, reason, ct);
    }

    /// <summary>Sets (adds or replaces) the regional adjustments of their year (<see cref="CalendarChangeRules.SetRegional"/>), audited with the previous and the new adjustments.</summary>
    public async Task<CalendarChange> SetRegionalAsync(RegionalAdjustments adjustments, string user, string? reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.CalendarYears.AsNoTracking().FirstOrDefaultAsync(r => r.Year == adjustments.Year, ct);
        var (change, refusal) = CalendarChangeRules.SetRegional(adjustments, row?.ToYear(), row?.ToRegional());
        return change is null ? refusal! : await StoreAsync(db, row, change, user, reason, ct);
    }

    /// <summary>Removes the regional adjustments of <paramref name="year"/> (<see cref="CalendarChangeRules.RemoveRegional"/>, audited); nothing to remove is not a change.</summary>
    public async Task<CalendarChange> RemoveRegionalAsync(int year, string user, string? reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await db.CalendarYears.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct);
        var (change, refusal) = CalendarChangeRules.RemoveRegional(year, row?.ToYear(), row?.ToRegional());
        return refusal is not null ? refusal
            : change is null ? new CalendarChange(await CurrentAsync(ct), Changed: false, null)
            : await StoreAsync(db, row, change, user, reason, ct);
    }

    /// <summary>Reads the stored years again and puts them in force (another node changed them).</summary>
    public Task<WorkingDayCalendar> RefreshAsync(CancellationToken ct) => ReloadAsync(ct);

    /// <summary>The audit event of a change: a national import shows the stored data before and after, a regional change the adjustments.</summary>
    private static AuditEvent AuditOf(CalendarYearChange change, CalendarYearRow? read, string data, Instant now, string user, string? reason)
    {
        var details = change.AuditAction == AuditActions.CalendarYearImported
            ? JsonSerializer.Serialize(new { before = read?.Data, after = data })
            : JsonSerializer.Serialize(new { before = CalendarYearRow.SerializeRegional(change.RegionalBefore), after = CalendarYearRow.SerializeRegional(change.Regional) });
        return new AuditEvent(now, user, change.AuditAction, null, change.Year.ToString(), details, reason);
    }

    /// <summary>Writes the change if the row is still as <paramref name="read"/> (or still absent), with the audit event, in one transaction; announces it; reloads.</summary>
    private async Task<CalendarChange> StoreAsync(OneStopDbContext db, CalendarYearRow? read, CalendarYearChange change, string user, string? reason, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var replacement = CalendarYearRow.From(change.National, change.Regional, now, user);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (read is null)
            {
                db.CalendarYears.Add(replacement);
            }
            else
            {
                var updated = await db.CalendarYears.Where(r => r.Year == read.Year && r.Data == read.Data)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(r => r.Data, replacement.Data)
                        .SetProperty(r => r.Source, replacement.Source)
                        .SetProperty(r => r.UpdatedAt, replacement.UpdatedAt)
                        .SetProperty(r => r.UpdatedBy, replacement.UpdatedBy), ct);
                if (updated == 0)
                {
                    return CalendarChangeRules.ChangedMeanwhile(replacement.Year);
                }
            }

            db.AuditEvents.Add(AuditOf(change, read, replacement.Data, now, user, reason));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (read is null && DatabaseErrors.IsConflict(ex))
            {
                return CalendarChangeRules.ChangedMeanwhile(replacement.Year);
            }

            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [ChangedChannel, replacement.Year.ToString(CultureInfo.InvariantCulture)], ct);
            }

            await transaction.CommitAsync(ct);
        }

        return new CalendarChange(await ReloadAsync(ct), Changed: true, null);
    }

    private async Task<WorkingDayCalendar> ReloadAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.CalendarYears.AsNoTracking().ToListAsync(ct);
        var calendar = rows.Count == 0
            ? new WorkingDayCalendar(ShippedCalendars.All)
            : new WorkingDayCalendar(rows.Select(r => r.ToYear()), rows.Select(r => r.ToRegional()).OfType<RegionalAdjustments>());
        _current = calendar;
        return calendar;
    }
}

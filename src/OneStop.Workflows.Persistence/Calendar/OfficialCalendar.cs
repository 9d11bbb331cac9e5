using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;

namespace OneStop.Workflows.Persistence.Calendar;

/// <summary>The answer to a change of the calendar: written (and in force), invalid, or refused.</summary>
public abstract record CalendarChange
{
    private CalendarChange()
    {
    }

    /// <summary>Stored and in force; <paramref name="Changed"/> is false when there was nothing to change (nothing audited).</summary>
    public sealed record Written(WorkingDayCalendar Calendar, bool Changed) : CalendarChange;

    /// <summary>The data does not fit the stored year (400); nothing changed.</summary>
    public sealed record Invalid(IReadOnlyList<CalendarProblem> Problems) : CalendarChange;

    /// <summary>The change does not fit the current state (409, with a stable <paramref name="Code"/>); nothing changed.</summary>
    public sealed record Refused(string Code, string Detail) : CalendarChange;

    public const string NoNationalYear = "calendar.no-national-year";

    public const string RegionalConflict = "calendar.regional-conflict";

    public const string ChangedMeanwhile = "calendar.changed-meanwhile";
}

/// <summary>
/// The calendar in force: the stored years (the shipped ones are seeded when missing) with the centre's regional adjustments,
/// cached in memory and replaced atomically on every change.
/// </summary>
/// <remarks>
/// Thread-safe: readers get an immutable <see cref="WorkingDayCalendar"/>; a change swaps the reference. A year's national data and
/// its regional adjustments share one row, so every change writes the row only if its data is still what was read (compare and
/// swap on <c>data</c>): a national import and a regional change at the same moment cannot undo each other — the later one is refused.
/// </remarks>
public sealed class OfficialCalendar(IDbContextFactory<OneStopDbContext> contexts, IClock clock, OneStopDatabaseOptions database)
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

    /// <summary>
    /// Stores (adds or replaces) a national year, keeping the year's regional adjustments, audited with the previous and the new data,
    /// and puts it in force. Refused when a regional make-up working day would fall on one of the new national rest days.
    /// </summary>
    public async Task<CalendarChange> ImportAsync(CalendarYear year, string user, string? reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        var row = await db.CalendarYears.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year.Year, ct);
        var regional = row?.ToRegional();
        if (regional?.MakeUpDaysOnNationalRestDays(year) is { Count: > 0 } clash)
        {
            return new CalendarChange.Refused(CalendarChange.RegionalConflict,
                $"The regional make-up working day(s) {string.Join(", ", clash.Select(d => NodaTime.Text.LocalDatePattern.Iso.Format(d)))} of {regional.Region} "
                + $"would fall on national rest days of the new {year.Year} data. Change or remove the regional adjustments first (PUT or DELETE /api/calendar/{year.Year}/regional).");
        }

        var data = CalendarYearRow.Serialize(year, regional);
        var audit = new AuditEvent(now, user, AuditActions.CalendarYearImported, null, year.Year.ToString(), JsonSerializer.Serialize(new { before = row?.Data, after = data }), reason);
        return await StoreAsync(db, row, CalendarYearRow.From(year, regional, now, user), audit, ct);
    }

    /// <summary>
    /// Sets (adds or replaces) the regional adjustments of their year, audited with the previous and the new adjustments, and puts
    /// them in force. Refused when the year has no national data; invalid when they do not fit the national year
    /// (<see cref="RegionalAdjustments.ProblemsWith"/>).
    /// </summary>
    public async Task<CalendarChange> SetRegionalAsync(RegionalAdjustments adjustments, string user, string? reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        var row = await db.CalendarYears.AsNoTracking().FirstOrDefaultAsync(r => r.Year == adjustments.Year, ct);
        if (row is null)
        {
            return NoNationalYear(adjustments.Year);
        }

        var national = row.ToYear();
        if (adjustments.ProblemsWith(national) is { Count: > 0 } problems)
        {
            return new CalendarChange.Invalid(problems);
        }

        var audit = new AuditEvent(now, user, AuditActions.RegionalAdjustmentsSet, null, adjustments.Year.ToString(),
            JsonSerializer.Serialize(new { before = CalendarYearRow.SerializeRegional(row.ToRegional()), after = CalendarYearRow.SerializeRegional(adjustments) }), reason);
        return await StoreAsync(db, row, CalendarYearRow.From(national, adjustments, now, user), audit, ct);
    }

    /// <summary>Removes the regional adjustments of <paramref name="year"/> (audited) and puts the national year back in force; nothing to remove is not a change.</summary>
    public async Task<CalendarChange> RemoveRegionalAsync(int year, string user, string? reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetCurrentInstant();
        var row = await db.CalendarYears.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, ct);
        if (row is null)
        {
            return NoNationalYear(year);
        }

        if (row.ToRegional() is not { } previous)
        {
            return new CalendarChange.Written(await CurrentAsync(ct), Changed: false);
        }

        var audit = new AuditEvent(now, user, AuditActions.RegionalAdjustmentsRemoved, null, year.ToString(),
            JsonSerializer.Serialize(new { before = CalendarYearRow.SerializeRegional(previous), after = (string?)null }), reason);
        return await StoreAsync(db, row, CalendarYearRow.From(row.ToYear(), null, now, user), audit, ct);
    }

    private static CalendarChange.Refused NoNationalYear(int year) => new(CalendarChange.NoNationalYear,
        $"There is no national calendar for {year}: deadlines reaching it count Monday–Friday and are provisional, so there is nothing to adjust. "
        + $"Import the national year first (PUT /api/calendar/{year}).");

    /// <summary>Writes <paramref name="replacement"/> if the row is still as <paramref name="read"/> (or still absent), with the audit event, in one transaction.</summary>
    private async Task<CalendarChange> StoreAsync(OneStopDbContext db, CalendarYearRow? read, CalendarYearRow replacement, AuditEvent audit, CancellationToken ct)
    {
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
                    return ChangedMeanwhile(replacement.Year);
                }
            }

            db.AuditEvents.Add(audit);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (read is null && DatabaseErrors.IsConflict(ex))
            {
                return ChangedMeanwhile(replacement.Year);
            }

            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [ChangedChannel, replacement.Year.ToString(CultureInfo.InvariantCulture)], ct);
            }

            await transaction.CommitAsync(ct);
        }

        return new CalendarChange.Written(await ReloadAsync(ct), Changed: true);
    }

    private static CalendarChange.Refused ChangedMeanwhile(int year) => new(CalendarChange.ChangedMeanwhile,
        $"The calendar of {year} was changed by someone else meanwhile; nothing was stored. Read it again (GET /api/calendar/{year}) and repeat the change.");

    /// <summary>Reads the stored years again and puts them in force (another node changed them).</summary>
    public Task<WorkingDayCalendar> RefreshAsync(CancellationToken ct) => ReloadAsync(ct);

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

using NodaTime.Text;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Domain.Calendar;

/// <summary>
/// One change of a stored calendar year, as <see cref="CalendarChangeRules"/> decided it: the year's national data and regional
/// adjustments after the change, the regional adjustments before it, and the audit action. A written change alters the
/// working days deadlines are counted with, so every running clock is re-planned (<see cref="ReplansRunningClocks"/>).
/// </summary>
public sealed record CalendarYearChange(CalendarYear National, RegionalAdjustments? Regional, RegionalAdjustments? RegionalBefore, string AuditAction)
{
    public int Year => National.Year;

    /// <summary>Always true: the due days of running clocks are derived from the calendar, so their pending signals are planned again.</summary>
    public bool ReplansRunningClocks => true;
}

/// <summary>
/// The rules of changing the official calendar (pure): what a national import keeps, when regional adjustments fit,
/// and the refusals (codes <see cref="RefusalCodes.CalendarNoNationalYear"/>, <see cref="RefusalCodes.CalendarRegionalConflict"/>,
/// <see cref="RefusalCodes.CalendarChangedMeanwhile"/>). Loading, storing and announcing the change is Persistence's.
/// </summary>
public static class CalendarChangeRules
{
    /// <summary>
    /// A national import (add or replace <paramref name="year"/>) keeps the year's regional adjustments; refused when a
    /// regional make-up working day would fall on one of the new national rest days.
    /// </summary>
    public static (CalendarYearChange? Change, Refusal? Refusal) Import(CalendarYear year, RegionalAdjustments? kept)
    {
        if (kept?.MakeUpDaysOnNationalRestDays(year) is { Count: > 0 } clash)
        {
            return (null, Refusal.Conflict(
                $"The regional make-up working day(s) {string.Join(", ", clash.Select(d => LocalDatePattern.Iso.Format(d)))} of {kept.Region} "
                + $"would fall on national rest days of the new {year.Year} data. Change or remove the regional adjustments first (PUT or DELETE /api/calendar/{year.Year}/regional).",
                RefusalCodes.CalendarRegionalConflict));
        }

        return (new CalendarYearChange(year, kept, kept, AuditActions.CalendarYearImported), null);
    }

    /// <summary>
    /// Sets (adds or replaces) the regional adjustments of their year: refused (409) when the year has no national data,
    /// invalid (400) when they do not fit it (<see cref="RegionalAdjustments.ProblemsWith"/>).
    /// </summary>
    public static (CalendarYearChange? Change, Refusal? Refusal) SetRegional(RegionalAdjustments adjustments, CalendarYear? national, RegionalAdjustments? before)
    {
        if (national is null)
        {
            return (null, Refusal.Conflict(NoNationalYearMessage(adjustments.Year), RefusalCodes.CalendarNoNationalYear));
        }

        if (adjustments.ProblemsWith(national) is { Count: > 0 } problems)
        {
            return (null, Refusal.Invalid(problems.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Error).ToArray())));
        }

        return (new CalendarYearChange(national, adjustments, before, AuditActions.RegionalAdjustmentsSet), null);
    }

    /// <summary>
    /// Removes the regional adjustments of <paramref name="year"/>: not found (404) without national data; no change and no
    /// refusal when there is nothing to remove (not a change, nothing audited).
    /// </summary>
    public static (CalendarYearChange? Change, Refusal? Refusal) RemoveRegional(int year, CalendarYear? national, RegionalAdjustments? current)
    {
        if (national is null)
        {
            return (null, Refusal.NotFound(NoNationalYearMessage(year), RefusalCodes.CalendarNoNationalYear));
        }

        return current is null ? (null, null) : (new CalendarYearChange(national, null, current, AuditActions.RegionalAdjustmentsRemoved), null);
    }

    /// <summary>The year's row changed between reading and writing (another change won); nothing was stored.</summary>
    public static Refusal ChangedMeanwhile(int year) => Refusal.Conflict(
        $"The calendar of {year} was changed by someone else meanwhile; nothing was stored. Read it again (GET /api/calendar/{year}) and repeat the change.",
        RefusalCodes.CalendarChangedMeanwhile);

    private static string NoNationalYearMessage(int year) =>
        $"There is no national calendar for {year}: deadlines reaching it count Monday–Friday and are provisional, so there is nothing to adjust. "
        + $"Import the national year first (PUT /api/calendar/{year}).";
}

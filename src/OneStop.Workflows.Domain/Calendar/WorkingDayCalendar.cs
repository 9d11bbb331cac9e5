using NodaTime;
using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Domain.Calendar;

/// <summary>A computed due day; <see cref="Provisional"/> when counting reached a year with no official data.</summary>
public sealed record Deadline(LocalDate Due, bool Provisional);

/// <summary>
/// The working-day calendar and the single place the counting rule lives (domain-rules §1): the start day is
/// not counted; days inside suspensions are not counted; a calendar-day period whose last day is not a working
/// day ends on the next working day. Years without data count Monday–Friday and make the result provisional.
/// </summary>
/// <remarks>
/// The <b>effective calendar</b>: each national year with the centre's regional adjustments for it layered on top
/// (<see cref="RegionalAdjustments.Decides"/> first, then the national year). Immutable; safe to share. A new import makes a new instance.
/// </remarks>
public sealed class WorkingDayCalendar
{
    /// <summary>Limits and budgets a caller gives above this many days are refused as absurd.</summary>
    public const int MaxBudgetDays = 3650;

    /// <summary>The largest extension of a statutory limit (the law allows +10 for one department, +15 for joint handling).</summary>
    public const int MaxExtensionDays = 60;

    private readonly Dictionary<int, CalendarYear> _years;

    private readonly Dictionary<int, RegionalAdjustments> _regional;

    /// <param name="years">The national years.</param>
    /// <param name="regional">At most one set of regional adjustments per year, each for one of <paramref name="years"/>.</param>
    public WorkingDayCalendar(IEnumerable<CalendarYear> years, IEnumerable<RegionalAdjustments>? regional = null)
    {
        _years = years.ToDictionary(y => y.Year);
        _regional = (regional ?? []).ToDictionary(r => r.Year);
        if (_regional.Keys.Where(y => !_years.ContainsKey(y)).ToList() is { Count: > 0 } orphans)
        {
            throw new ArgumentException($"Regional adjustments for years without national data: {string.Join(", ", orphans)}.", nameof(regional));
        }
    }

    public static WorkingDayCalendar Shipped { get; } = new(ShippedCalendars.All);

    public IReadOnlyCollection<int> Years => _years.Keys;

    /// <summary>The national year, or null when there is no data for it.</summary>
    public CalendarYear? Year(int year) => _years.GetValueOrDefault(year);

    /// <summary>The centre's regional adjustments for <paramref name="year"/>, or null when it has none.</summary>
    public RegionalAdjustments? Regional(int year) => _regional.GetValueOrDefault(year);

    /// <summary>Whether <paramref name="date"/> is a working day in the effective calendar; <paramref name="provisional"/> when its year has no data.</summary>
    public bool IsWorkingDay(LocalDate date, out bool provisional)
    {
        if (_years.TryGetValue(date.Year, out var year))
        {
            provisional = false;
            return Regional(date.Year)?.Decides(date) ?? year.IsWorkingDay(date);
        }

        provisional = true;
        return date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday);
    }

    /// <summary>
    /// The due day of a budget counted from <paramref name="start"/> (not counted), skipping the suspensions. The budget is at most
    /// a limit plus its extension (<see cref="MaxBudgetDays"/> + <see cref="MaxExtensionDays"/>).
    /// </summary>
    /// <param name="endOnWorkingDay">
    /// True (a period's end): a calendar-day period whose last day is a rest day ends on the next working day. False (a
    /// point inside a period, e.g. its half): the day on which the count is reached, whatever it is.
    /// </param>
    public Deadline Due(LocalDate start, int budget, TimeUnit unit, IReadOnlyCollection<DateRange>? suspensions = null, bool endOnWorkingDay = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(budget, MaxBudgetDays + MaxExtensionDays);
        suspensions ??= [];
        var provisional = false;
        var day = start;
        for (var counted = 0; counted < budget;)
        {
            day = day.PlusDays(1);
            if (suspensions.Any(s => s.Contains(day)))
            {
                continue;
            }

            var working = IsWorkingDay(day, out var unknownYear);
            provisional |= unknownYear;
            if (unit == TimeUnit.CalendarDays || working)
            {
                counted++;
            }
        }

        // Civil Code art. 203: a period whose last day is a rest day ends on the next working day.
        while (endOnWorkingDay && unit == TimeUnit.CalendarDays && !IsWorkingDay(day, out var unknownYear))
        {
            provisional |= unknownYear;
            day = day.PlusDays(1);
        }

        return new Deadline(day, provisional);
    }

    /// <summary>Working days strictly after <paramref name="from"/> up to and including <paramref name="to"/>, outside the suspensions.</summary>
    public int WorkingDaysBetween(LocalDate from, LocalDate to, IReadOnlyCollection<DateRange>? suspensions = null)
    {
        var count = 0;
        for (var day = from.PlusDays(1); day <= to; day = day.PlusDays(1))
        {
            if (!(suspensions?.Any(s => s.Contains(day)) ?? false) && IsWorkingDay(day, out _))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>How many working days <paramref name="year"/> has in the effective calendar (Monday–Friday for a year without data).</summary>
    public int WorkingDayCount(int year)
    {
        var count = 0;
        for (var d = new LocalDate(year, 1, 1); d.Year == year; d = d.PlusDays(1))
        {
            count += IsWorkingDay(d, out _) ? 1 : 0;
        }

        return count;
    }

    /// <summary>A calendar with the national <paramref name="year"/> added or replaced; its regional adjustments are kept.</summary>
    public WorkingDayCalendar With(CalendarYear year) => new(_years.Values.Where(y => y.Year != year.Year).Append(year), _regional.Values);

    /// <summary>A calendar with <paramref name="adjustments"/> as the regional adjustments of their year (which must have national data).</summary>
    public WorkingDayCalendar With(RegionalAdjustments adjustments) =>
        new(_years.Values, _regional.Values.Where(r => r.Year != adjustments.Year).Append(adjustments));

    /// <summary>A calendar without regional adjustments for <paramref name="year"/>.</summary>
    public WorkingDayCalendar WithoutRegional(int year) => new(_years.Values, _regional.Values.Where(r => r.Year != year));
}

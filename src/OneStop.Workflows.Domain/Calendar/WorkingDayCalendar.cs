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
/// <remarks>Immutable; safe to share. A new import makes a new instance.</remarks>
public sealed class WorkingDayCalendar
{
    /// <summary>Budgets above this many days are refused as absurd.</summary>
    public const int MaxBudgetDays = 3650;

    private readonly Dictionary<int, CalendarYear> _years;

    public WorkingDayCalendar(IEnumerable<CalendarYear> years)
    {
        _years = years.ToDictionary(y => y.Year);
    }

    public static WorkingDayCalendar Shipped { get; } = new(ShippedCalendars.All);

    public IReadOnlyCollection<int> Years => _years.Keys;

    public CalendarYear? Year(int year) => _years.GetValueOrDefault(year);

    /// <summary>Whether <paramref name="date"/> is a working day; <paramref name="provisional"/> when its year has no data.</summary>
    public bool IsWorkingDay(LocalDate date, out bool provisional)
    {
        if (_years.TryGetValue(date.Year, out var year))
        {
            provisional = false;
            return year.IsWorkingDay(date);
        }

        provisional = true;
        return date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday);
    }

    /// <summary>The due day of a budget counted from <paramref name="start"/> (not counted), skipping the suspensions.</summary>
    /// <param name="endOnWorkingDay">
    /// True (a period's end): a calendar-day period whose last day is a rest day ends on the next working day. False (a
    /// point inside a period, e.g. its half): the day on which the count is reached, whatever it is.
    /// </param>
    public Deadline Due(LocalDate start, int budget, TimeUnit unit, IReadOnlyCollection<DateRange>? suspensions = null, bool endOnWorkingDay = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(budget);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(budget, MaxBudgetDays);
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

    /// <summary>A calendar with <paramref name="year"/> added or replaced.</summary>
    public WorkingDayCalendar With(CalendarYear year) => new(_years.Values.Where(y => y.Year != year.Year).Append(year));
}

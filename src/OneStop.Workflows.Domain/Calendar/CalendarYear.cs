using NodaTime;

namespace OneStop.Workflows.Domain.Calendar;

/// <summary>An inclusive range of dates, e.g. a holiday or a suspension. <see cref="To"/> is never before <see cref="From"/>.</summary>
public sealed record DateRange
{
    public DateRange(LocalDate from, LocalDate to)
    {
        if (to < from)
        {
            throw new ArgumentException($"The range ends ({to}) before it starts ({from}).", nameof(to));
        }

        From = from;
        To = to;
    }

    public LocalDate From { get; }

    public LocalDate To { get; }

    public bool Contains(LocalDate date) => date >= From && date <= To;

    public static DateRange Day(LocalDate date) => new(date, date);
}

/// <summary>
/// One year of the official calendar (as the State Council publishes it): rest days beyond weekends and the
/// make-up working days (调休) that fall on weekends.
/// </summary>
public sealed record CalendarYear
{
    public CalendarYear(int year, IReadOnlyList<DateRange> restDays, IReadOnlyList<LocalDate> makeUpWorkingDays, string? source = null)
    {
        if (year is < 1990 or > 2200)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "A calendar year between 1990 and 2200.");
        }

        var outside = restDays.Where(r => r.From.Year != year || r.To.Year != year).Select(r => $"{r.From}..{r.To}")
            .Concat(makeUpWorkingDays.Where(d => d.Year != year).Select(d => d.ToString()));
        if (outside.Any())
        {
            throw new ArgumentException($"Dates outside {year}: {string.Join(", ", outside)}.", nameof(restDays));
        }

        var clash = makeUpWorkingDays.Where(d => restDays.Any(r => r.Contains(d))).ToList();
        if (clash.Count > 0)
        {
            throw new ArgumentException($"Days both rest and make-up working days: {string.Join(", ", clash)}.", nameof(makeUpWorkingDays));
        }

        Year = year;
        RestDays = restDays.OrderBy(r => r.From).ToList();
        MakeUpWorkingDays = makeUpWorkingDays.Distinct().Order().ToList();
        Source = source;
    }

    public int Year { get; }

    public IReadOnlyList<DateRange> RestDays { get; }

    public IReadOnlyList<LocalDate> MakeUpWorkingDays { get; }

    /// <summary>Where the data comes from (e.g. the State Council notice).</summary>
    public string? Source { get; }

    public bool IsWorkingDay(LocalDate date)
    {
        if (MakeUpWorkingDays.Contains(date))
        {
            return true;
        }

        return date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !RestDays.Any(r => r.Contains(date));
    }

    /// <summary>How many working days the year has (the official years have 248).</summary>
    public int WorkingDayCount()
    {
        var count = 0;
        for (var d = new LocalDate(Year, 1, 1); d.Year == Year; d = d.PlusDays(1))
        {
            count += IsWorkingDay(d) ? 1 : 0;
        }

        return count;
    }
}

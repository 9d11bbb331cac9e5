using NodaTime;
using OneStop.Workflows.Domain.Shared;

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
    /// <summary>The fewest working days a national year may have (the official years have 248; 2008–2026 ranged 248–251).</summary>
    public const int MinWorkingDays = 240;

    /// <summary>The most working days a national year may have: every weekday but a few holidays.</summary>
    public const int MaxWorkingDays = 255;

    /// <summary>At most this many rest day ranges, and this many make-up working days.</summary>
    public const int MaxEntries = 100;

    public const int MaxSourceLength = 200;

    /// <summary>A year as published; throws <see cref="ArgumentException"/> for the structural problems of <see cref="Check"/> (not for plausibility, so that any stored year loads).</summary>
    public CalendarYear(int year, IReadOnlyList<DateRange> restDays, IReadOnlyList<LocalDate> makeUpWorkingDays, string? source = null)
    {
        if (!SupportedDates.ContainsYear(year))
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, SupportedDates.YearMessage(year));
        }

        if (Structural(year, restDays, makeUpWorkingDays).FirstOrDefault() is { } problem)
        {
            throw new ArgumentException($"{problem.Path}: {problem.Message}", nameof(restDays));
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

    /// <summary>
    /// Every problem of a national year to import, each with its path (<c>year</c>, <c>restDays[i]</c>, <c>makeUpWorkingDays[i]</c>,
    /// <c>source</c>, <c>workingDays</c>), indices those of the lists as given; empty when it may be imported. Besides the constructor's
    /// rules, the year must have a plausible number of working days (<see cref="MinWorkingDays"/>–<see cref="MaxWorkingDays"/>).
    /// </summary>
    public static IReadOnlyList<CalendarProblem> Check(int year, IReadOnlyList<DateRange> restDays, IReadOnlyList<LocalDate> makeUpWorkingDays, string? source)
    {
        if (!SupportedDates.ContainsYear(year))
        {
            return [new("year", SupportedDates.YearError(year))];
        }

        var problems = Structural(year, restDays, makeUpWorkingDays).ToList();
        if (source?.Length > MaxSourceLength)
        {
            problems.Add(new("source", new FieldError(FieldErrorCodes.TooLong, $"At most {MaxSourceLength} characters.").With("max", MaxSourceLength)));
        }

        if (problems.Count == 0 && new CalendarYear(year, restDays, makeUpWorkingDays, source).WorkingDayCount() is var count and (< MinWorkingDays or > MaxWorkingDays))
        {
            problems.Add(new("workingDays", new FieldError(FieldErrorCodes.CalendarWorkingDaysImplausible,
                $"The year would have {count} working days; a national year has {MinWorkingDays} to {MaxWorkingDays} (the official years have 248).")
                .With("count", count).With("min", MinWorkingDays).With("max", MaxWorkingDays)));
        }

        return problems;
    }

    private static IEnumerable<CalendarProblem> Structural(int year, IReadOnlyList<DateRange> restDays, IReadOnlyList<LocalDate> makeUpWorkingDays)
    {
        if (restDays.Count > MaxEntries)
        {
            yield return new("restDays", TooManyRanges(MaxEntries, restDays.Count));
        }

        if (makeUpWorkingDays.Count > MaxEntries)
        {
            yield return new("makeUpWorkingDays", TooManyDays(MaxEntries, makeUpWorkingDays.Count));
        }

        for (var i = 0; i < restDays.Count; i++)
        {
            if (restDays[i].From.Year != year || restDays[i].To.Year != year)
            {
                yield return new($"restDays[{i}]", NotInYear($"{restDays[i].From:uuuu-MM-dd}..{restDays[i].To:uuuu-MM-dd}", year));
            }
        }

        for (var i = 0; i < makeUpWorkingDays.Count; i++)
        {
            var day = makeUpWorkingDays[i];
            if (day.Year != year)
            {
                yield return new($"makeUpWorkingDays[{i}]", NotInYear($"{day:uuuu-MM-dd}", year));
            }
            else if (restDays.Any(r => r.Contains(day)))
            {
                yield return new($"makeUpWorkingDays[{i}]", new FieldError(FieldErrorCodes.DayBothRestAndWorking, $"{day:uuuu-MM-dd} is both a rest day and a make-up working day.")
                    .With("date", $"{day:uuuu-MM-dd}"));
            }
        }
    }

    /// <summary>"At most … ranges; … given." with its code (shared with the regional adjustments).</summary>
    public static FieldError TooManyRanges(int max, int given) =>
        new FieldError(FieldErrorCodes.TooManyRanges, $"At most {max} ranges; {given} given.").With("max", max).With("count", given);

    /// <summary>"At most … days; … given." with its code.</summary>
    public static FieldError TooManyDays(int max, int given) =>
        new FieldError(FieldErrorCodes.TooManyDays, $"At most {max} days; {given} given.").With("max", max).With("count", given);

    /// <summary>"… is not inside {year}." with its code.</summary>
    public static FieldError NotInYear(string days, int year) =>
        new FieldError(FieldErrorCodes.NotInYear, $"{days} is not inside {year}.").With("days", days).With("year", year);
}

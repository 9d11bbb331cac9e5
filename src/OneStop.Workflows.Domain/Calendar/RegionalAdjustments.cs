using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Domain.Calendar;

/// <summary>Something wrong with calendar data, at a JSON path relative to the data (e.g. <c>restDays[1].to</c>), with its code (ADR 0017).</summary>
public sealed record CalendarProblem(string Path, FieldError Error)
{
    /// <summary>The English message (the API's <c>errors</c>).</summary>
    public string Message => Error.Message;
}

/// <summary>A regional rest day range (inclusive) with the name of the local holiday, e.g. 三月三 or Corban (古尔邦节).</summary>
public sealed record RegionalRestDays
{
    public const int MaxNameLength = 100;

    public RegionalRestDays(DateRange days, string name)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A name of at most {MaxNameLength} characters.", nameof(name));
        }

        Days = days;
        Name = name.Trim();
    }

    public DateRange Days { get; }

    public string Name { get; }
}

/// <summary>
/// A centre's regional adjustments (地方节假日调整) to one year of the national calendar: the rest days a local
/// government sets for ethnic-minority and local holidays (Guangxi's 三月三, Xinjiang's Corban festival …) and the
/// local make-up working days that go with them, with the region and the local notice they come from.
/// </summary>
/// <remarks>
/// Layered on the national year (see <see cref="WorkingDayCalendar"/>): a regional make-up working day is a working
/// day, a regional rest day is not, every other day is as the national year says. Against the national year a
/// regional make-up working day must be a Saturday or Sunday that is an ordinary rest day there — a local notice
/// cannot move a national holiday (<see cref="ProblemsWith"/>). Immutable.
/// </remarks>
public sealed record RegionalAdjustments
{
    /// <summary>At most this many rest day ranges, and this many make-up working days.</summary>
    public const int MaxEntries = 50;

    public const int MaxRegionLength = 100;

    public const int MaxSourceLength = 200;

    public RegionalAdjustments(int year, string region, IReadOnlyList<RegionalRestDays> restDays, IReadOnlyList<LocalDate> makeUpWorkingDays, string source)
    {
        var problems = Check(year, region, restDays, makeUpWorkingDays, source);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems.Select(p => $"{p.Path}: {p.Message}")), nameof(restDays));
        }

        Year = year;
        Region = region.Trim();
        RestDays = restDays.ToList();
        MakeUpWorkingDays = makeUpWorkingDays.ToList();
        Source = source.Trim();
    }

    public int Year { get; }

    /// <summary>The region the adjustments apply to, e.g. <c>450000 广西壮族自治区</c> (division code and name).</summary>
    public string Region { get; }

    /// <summary>Regional rest days beyond the national ones, in the order given (no two overlap).</summary>
    public IReadOnlyList<RegionalRestDays> RestDays { get; }

    /// <summary>Regional make-up working days (weekend days worked locally), in the order given (no duplicates).</summary>
    public IReadOnlyList<LocalDate> MakeUpWorkingDays { get; }

    /// <summary>The local government's notice the adjustments come from.</summary>
    public string Source { get; }

    /// <summary>Whether the adjustments make <paramref name="date"/> a working day (true) or a rest day (false); null when they say nothing about it.</summary>
    public bool? Decides(LocalDate date)
    {
        if (MakeUpWorkingDays.Contains(date))
        {
            return true;
        }

        return RestDays.Any(r => r.Days.Contains(date)) ? false : null;
    }

    /// <summary>
    /// Every problem of adjustments built from these parts, each with its path (<c>region</c>, <c>restDays[i]</c>,
    /// <c>makeUpWorkingDays[i]</c>, <c>source</c>); indices are those of the lists as given. Empty when the constructor would accept them.
    /// </summary>
    public static IReadOnlyList<CalendarProblem> Check(int year, string? region, IReadOnlyList<RegionalRestDays> restDays, IReadOnlyList<LocalDate> makeUpWorkingDays,
        string? source)
    {
        ArgumentNullException.ThrowIfNull(restDays);
        ArgumentNullException.ThrowIfNull(makeUpWorkingDays);
        var problems = new List<CalendarProblem>();
        if (!SupportedDates.ContainsYear(year))
        {
            problems.Add(new("year", SupportedDates.YearError(year)));
        }

        if (string.IsNullOrWhiteSpace(region))
        {
            problems.Add(new("region", new(FieldErrorCodes.RegionRequired, "The region is required, e.g. \"450000 广西壮族自治区\" (division code and name).")));
        }
        else if (region.Length > MaxRegionLength)
        {
            problems.Add(new("region", TooLong(MaxRegionLength)));
        }

        if (string.IsNullOrWhiteSpace(source))
        {
            problems.Add(new("source", new(FieldErrorCodes.RegionalSourceRequired, "The source is required: the local government's notice the adjustments come from.")));
        }
        else if (source.Length > MaxSourceLength)
        {
            problems.Add(new("source", TooLong(MaxSourceLength)));
        }

        if (restDays.Count > MaxEntries)
        {
            problems.Add(new("restDays", CalendarYear.TooManyRanges(MaxEntries, restDays.Count)));
        }

        if (makeUpWorkingDays.Count > MaxEntries)
        {
            problems.Add(new("makeUpWorkingDays", CalendarYear.TooManyDays(MaxEntries, makeUpWorkingDays.Count)));
        }

        for (var i = 0; i < restDays.Count; i++)
        {
            var days = restDays[i].Days;
            if (days.From.Year != year || days.To.Year != year)
            {
                problems.Add(new($"restDays[{i}]", CalendarYear.NotInYear(Format(days), year)));
            }
            else if (restDays.Take(i).Select((r, j) => (r, j)).FirstOrDefault(p => p.r.Days.From <= days.To && days.From <= p.r.Days.To) is ({ } other, var j))
            {
                problems.Add(new($"restDays[{i}]", new FieldError(FieldErrorCodes.RegionalRestDaysOverlap, $"{Format(days)} overlaps restDays[{j}] ({other.Name}, {Format(other.Days)}).")
                    .With("days", Format(days)).With("other", other.Name).With("otherDays", Format(other.Days))));
            }
        }

        for (var i = 0; i < makeUpWorkingDays.Count; i++)
        {
            var day = makeUpWorkingDays[i];
            if (day.Year != year)
            {
                problems.Add(new($"makeUpWorkingDays[{i}]", CalendarYear.NotInYear(Iso(day), year)));
            }
            else if (makeUpWorkingDays.Take(i).Contains(day))
            {
                problems.Add(new($"makeUpWorkingDays[{i}]", new FieldError(FieldErrorCodes.DayListedTwice, $"{Iso(day)} is listed twice.").With("date", Iso(day))));
            }
            else if (restDays.FirstOrDefault(r => r.Days.Contains(day)) is { } rest)
            {
                problems.Add(new($"makeUpWorkingDays[{i}]", new FieldError(FieldErrorCodes.DayBothRestAndWorking,
                    $"{Iso(day)} is also a regional rest day ({rest.Name}, {Format(rest.Days)}); a day is either rest or working.").With("date", Iso(day))));
            }
        }

        return problems;
    }

    /// <summary>
    /// Problems of these adjustments on top of <paramref name="national"/>: each regional make-up working day must be a Saturday or
    /// Sunday that the national year leaves as an ordinary rest day (not a national holiday, not already a national make-up day).
    /// Paths index the lists in the order given.
    /// </summary>
    public IReadOnlyList<CalendarProblem> ProblemsWith(CalendarYear national)
    {
        ArgumentNullException.ThrowIfNull(national);
        if (national.Year != Year)
        {
            throw new ArgumentException($"The national year is {national.Year}, the adjustments are for {Year}.", nameof(national));
        }

        var problems = new List<CalendarProblem>();
        for (var i = 0; i < MakeUpWorkingDays.Count; i++)
        {
            var day = MakeUpWorkingDays[i];
            var text = Iso(day);
            if (national.RestDays.FirstOrDefault(r => r.Contains(day)) is { } holiday)
            {
                problems.Add(new($"makeUpWorkingDays[{i}]", new FieldError(FieldErrorCodes.RegionalMakeUpOnNationalHoliday,
                    $"{text} is a national rest day ({Format(holiday)}); a local notice cannot move a national holiday.").With("date", text).With("holiday", Format(holiday))));
            }
            else if (national.MakeUpWorkingDays.Contains(day))
            {
                problems.Add(new($"makeUpWorkingDays[{i}]", new FieldError(FieldErrorCodes.RegionalMakeUpAlreadyNational, $"{text} is already a national make-up working day.").With("date", text)));
            }
            else if (day.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            {
                problems.Add(new($"makeUpWorkingDays[{i}]", new FieldError(FieldErrorCodes.RegionalMakeUpNotWeekend,
                    $"{text} is a {day.DayOfWeek} and already a working day; a regional make-up working day is a Saturday or Sunday.").With("date", text)));
            }
        }

        return problems;
    }

    /// <summary>The regional make-up working days that fall on the rest days of <paramref name="national"/> (a re-import that would do this is refused).</summary>
    public IReadOnlyList<LocalDate> MakeUpDaysOnNationalRestDays(CalendarYear national)
    {
        ArgumentNullException.ThrowIfNull(national);
        return MakeUpWorkingDays.Where(d => national.RestDays.Any(r => r.Contains(d))).ToList();
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static FieldError TooLong(int max) => new FieldError(FieldErrorCodes.TooLong, $"At most {max} characters.").With("max", max);

    private static string Format(DateRange range) => range.From == range.To ? Iso(range.From) : $"{Iso(range.From)}..{Iso(range.To)}";
}

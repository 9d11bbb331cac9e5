using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Domain.Calendar;

/// <summary>
/// The dates the server works with (docs/calendar.md "Supported dates"): 1990-01-01 to 2199-12-31, the years a national calendar may be
/// imported for. Every date a caller sends (start days, suspensions, list filters, calendar years, the simulated clock) must lie in it;
/// counting from its last day by the largest budget (<see cref="WorkingDayCalendar.MaxBudgetDays"/>) stays far inside NodaTime's range.
/// </summary>
public static class SupportedDates
{
    public const int FirstYear = 1990;

    public const int LastYear = 2199;

    public static LocalDate First { get; } = new(FirstYear, 1, 1);

    public static LocalDate Last { get; } = new(LastYear, 12, 31);

    public static bool Contains(LocalDate date) => date >= First && date <= Last;

    /// <summary>Whether <paramref name="instant"/> falls on a supported date in <paramref name="zone"/> (checked in UTC first, so no zone arithmetic at the ends of time).</summary>
    public static bool Contains(Instant instant, DateTimeZone zone) =>
        instant >= Instant.FromUtc(FirstYear - 1, 12, 30, 0, 0) && instant <= Instant.FromUtc(LastYear + 1, 1, 2, 0, 0) && Contains(instant.InZone(zone).Date);

    public static bool ContainsYear(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>The message for a date outside the range.</summary>
    public static string OutsideMessage(LocalDate date) =>
        $"{LocalDatePattern.Iso.Format(date)} is outside the supported dates {LocalDatePattern.Iso.Format(First)} to {LocalDatePattern.Iso.Format(Last)}.";

    public static string YearMessage(int year) => $"{year} is outside the supported years {FirstYear} to {LastYear}.";

    /// <summary><see cref="OutsideMessage"/> with its code and arguments (ADR 0017).</summary>
    public static FieldError OutsideError(LocalDate date) => new FieldError(FieldErrorCodes.DateOutsideSupported, OutsideMessage(date))
        .With("date", LocalDatePattern.Iso.Format(date)).With("first", LocalDatePattern.Iso.Format(First)).With("last", LocalDatePattern.Iso.Format(Last));

    /// <summary><see cref="YearMessage"/> with its code and arguments (ADR 0017).</summary>
    public static FieldError YearError(int year) =>
        new FieldError(FieldErrorCodes.YearOutsideSupported, YearMessage(year)).With("year", year).With("first", FirstYear).With("last", LastYear);
}

using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Application.Calendar;

/// <summary>Wire shapes of the calendar use cases (dates as ISO <c>yyyy-MM-dd</c>) and the parsing of their dates.</summary>
public static class CalendarWire
{
    public sealed record RangeData(string? From, string? To);

    /// <summary>A regional rest day range with the name of the local holiday.</summary>
    public sealed record NamedRangeData(string? From, string? To, string? Name);

    public sealed record RegionalResponse(string Region, IReadOnlyList<NamedRangeData> RestDays, IReadOnlyList<string> MakeUpWorkingDays, string Source);

    /// <summary>
    /// A year: the national data (<c>workingDays</c> is the national count, 248 in the official years), the centre's regional
    /// adjustments (left out when there are none) and <c>effectiveWorkingDays</c>, the count deadlines are computed with.
    /// </summary>
    public sealed record YearResponse(int Year, IReadOnlyList<RangeData> RestDays, IReadOnlyList<string> MakeUpWorkingDays, int WorkingDays, string? Source,
        RegionalResponse? Regional, int EffectiveWorkingDays);

    /// <summary>The year <paramref name="year"/> of <paramref name="calendar"/>, which must have national data.</summary>
    public static YearResponse From(WorkingDayCalendar calendar, int year)
    {
        var national = calendar.Year(year) ?? throw new ArgumentException($"No national data for {year}.", nameof(year));
        return new(year,
            national.RestDays.Select(r => new RangeData(Format(r.From), Format(r.To))).ToList(),
            national.MakeUpWorkingDays.Select(Format).ToList(), national.WorkingDayCount(), national.Source,
            calendar.Regional(year) is { } regional ? From(regional) : null,
            calendar.WorkingDayCount(year));
    }

    private static RegionalResponse From(RegionalAdjustments regional) => new(regional.Region,
        regional.RestDays.OrderBy(r => r.Days.From).Select(r => new NamedRangeData(Format(r.Days.From), Format(r.Days.To), r.Name)).ToList(),
        regional.MakeUpWorkingDays.Order().Select(Format).ToList(), regional.Source);

    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>Parses an ISO date; adds an error with its code to <paramref name="errors"/> under <paramref name="field"/> when it is not one.</summary>
    public static LocalDate? Parse(string? text, string field, Dictionary<string, FieldError[]> errors)
    {
        var result = text is null ? null : LocalDatePattern.Iso.Parse(text);
        if (result is { Success: true })
        {
            if (SupportedDates.Contains(result.Value))
            {
                return result.Value;
            }

            errors[field] = [SupportedDates.OutsideError(result.Value)];
            return null;
        }

        errors[field] = [text is null ? new(FieldErrorCodes.DateRequired, "A date (yyyy-MM-dd) is required.")
            : new FieldError(FieldErrorCodes.DateInvalid, $"'{TextQuote.Of(text)}' is not a date (yyyy-MM-dd).").With("value", TextQuote.Of(text))];
        return null;
    }

    /// <summary>Parses ranges; a range ending before it starts is an error under <paramref name="field"/>[i].</summary>
    public static List<DateRange> ParseRanges(IReadOnlyList<RangeData>? ranges, string field, Dictionary<string, FieldError[]> errors)
    {
        var result = new List<DateRange>();
        for (var i = 0; i < (ranges?.Count ?? 0); i++)
        {
            var from = Parse(ranges![i].From, $"{field}[{i}].from", errors);
            var to = Parse(ranges[i].To, $"{field}[{i}].to", errors);
            if (from is { } f && to is { } t)
            {
                if (t < f)
                {
                    errors[$"{field}[{i}]"] = [RangeBackwards(f, t)];
                }
                else
                {
                    result.Add(new DateRange(f, t));
                }
            }
        }

        return result;
    }

    /// <summary>"The range ends (…) before it starts (…)." with its code.</summary>
    public static FieldError RangeBackwards(LocalDate from, LocalDate to) =>
        new FieldError(FieldErrorCodes.RangeBackwards, $"The range ends ({Format(to)}) before it starts ({Format(from)}).").With("from", Format(from)).With("to", Format(to));
}

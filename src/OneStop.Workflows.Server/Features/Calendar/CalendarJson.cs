using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Calendar;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Wire shapes of the calendar routes (dates as ISO <c>yyyy-MM-dd</c>).</summary>
public static class CalendarJson
{
    public sealed record RangeData(string? From, string? To);

    public sealed record YearResponse(int Year, IReadOnlyList<RangeData> RestDays, IReadOnlyList<string> MakeUpWorkingDays, int WorkingDays, string? Source);

    public static YearResponse From(CalendarYear year) => new(year.Year,
        year.RestDays.Select(r => new RangeData(Format(r.From), Format(r.To))).ToList(),
        year.MakeUpWorkingDays.Select(Format).ToList(), year.WorkingDayCount(), year.Source);

    public static string Format(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>Parses an ISO date; adds a message to <paramref name="errors"/> under <paramref name="field"/> when it is not one.</summary>
    public static LocalDate? Parse(string? text, string field, Dictionary<string, string[]> errors)
    {
        var result = text is null ? null : LocalDatePattern.Iso.Parse(text);
        if (result is { Success: true })
        {
            return result.Value;
        }

        errors[field] = [$"'{text}' is not a date (yyyy-MM-dd)."];
        return null;
    }

    /// <summary>Parses ranges; a range ending before it starts is an error under <paramref name="field"/>[i].</summary>
    public static List<DateRange> ParseRanges(IReadOnlyList<RangeData>? ranges, string field, Dictionary<string, string[]> errors)
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
                    errors[$"{field}[{i}]"] = [$"The range ends ({Format(t)}) before it starts ({Format(f)})."];
                }
                else
                {
                    result.Add(new DateRange(f, t));
                }
            }
        }

        return result;
    }
}

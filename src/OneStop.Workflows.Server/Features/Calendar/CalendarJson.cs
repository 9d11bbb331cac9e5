using NodaTime;
using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Domain.Calendar;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>
/// The calendar's date format for other routes (clocks, the simulated clock): forwards to <see cref="CalendarWire"/>, where
/// the calendar use cases parse their dates. Kept so routes not yet moved to use cases keep compiling; remove once none uses it.
/// </summary>
public static class CalendarJson
{
    public static string Format(LocalDate date) => CalendarWire.Format(date);

    /// <summary>Parses an ISO date; adds a message to <paramref name="errors"/> under <paramref name="field"/> when it is not one.</summary>
    public static LocalDate? Parse(string? text, string field, Dictionary<string, string[]> errors) => CalendarWire.Parse(text, field, errors);

    /// <summary>Parses ranges; a range ending before it starts is an error under <paramref name="field"/>[i].</summary>
    public static List<DateRange> ParseRanges(IReadOnlyList<CalendarWire.RangeData>? ranges, string field, Dictionary<string, string[]> errors) =>
        CalendarWire.ParseRanges(ranges, field, errors);
}

using System.Text.Json;
using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Server.Features.Calendar;

namespace OneStop.Workflows.Server.Ui.Admin;

/// <summary>
/// The calendar page's pasted or uploaded JSON, read as the bodies the API takes (<c>PUT /api/calendar/{year}</c> and
/// <c>…/regional</c>) and turned into the use cases' commands. Only the JSON's shape is checked here; the use cases check the rest.
/// </summary>
public static class CalendarJson
{
    /// <summary>The import command for <paramref name="year"/>, or null when <paramref name="json"/> is not a JSON object of the import's shape.</summary>
    public static ImportCalendarYear.Command? Import(int year, string? json) =>
        Read<ImportCalendarYearEndpoints.ImportRequest>(json) is { } body
            ? new ImportCalendarYear.Command(year, body.RestDays, body.MakeUpWorkingDays, body.Source, body.Reason)
            : null;

    /// <summary>The regional command for <paramref name="year"/>, or null when <paramref name="json"/> is not a JSON object of that shape.</summary>
    public static SetRegionalAdjustments.Command? Regional(int year, string? json) =>
        Read<SetRegionalAdjustmentsEndpoints.SetRequest>(json) is { } body
            ? new SetRegionalAdjustments.Command(year, body.Region, body.RestDays, body.MakeUpWorkingDays, body.Source, body.Reason)
            : null;

    private static T? Read<T>(string? json)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Route: administrators import a new or corrected national year (use case <see cref="ImportCalendarYear"/>).</summary>
public static class ImportCalendarYearEndpoints
{
    public sealed record ImportRequest(IReadOnlyList<CalendarWire.RangeData>? RestDays, IReadOnlyList<string>? MakeUpWorkingDays, string? Source, string? Reason);

    public static void MapImportCalendarYear(this RouteGroupBuilder api) =>
        api.MapPut("/calendar/{year:int}", ImportAsync).RequireAuthorization(Policies.Administration)
            .WithName("ImportCalendarYear").WithSummary("Import (add or replace) a year of the national calendar, keeping the year's regional adjustments; audited; re-plans running clocks.")
            .Accepts<ImportRequest>("application/json").Produces<CalendarWire.YearResponse>().ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> ImportAsync(int year, HttpContext http, ImportCalendarYear import, CancellationToken ct)
    {
        var (request, problem) = await RequestJson.ReadAsync<ImportRequest>(http.Request, ct);
        return request is null
            ? problem!
            : (await import.ExecuteAsync(new(year, request.RestDays, request.MakeUpWorkingDays, request.Source, request.Reason), CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}

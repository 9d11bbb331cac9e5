using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Route: a year of the official calendar (use case <see cref="GetCalendarYear"/>).</summary>
public static class GetCalendarYearEndpoints
{
    public static void MapGetCalendarYear(this RouteGroupBuilder api) =>
        api.MapGet("/calendar/{year:int}", GetAsync).RequireAuthorization(Policies.Staff)
            .WithName("GetCalendarYear").WithSummary("A year's national rest days and make-up working days, the centre's regional adjustments and the effective working-day count; 404 for a year without data (counted Monday–Friday, provisional).")
            .Produces<CalendarWire.YearResponse>().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> GetAsync(int year, HttpContext http, GetCalendarYear get, CancellationToken ct) =>
        (await get.ExecuteAsync(new(year), CurrentUser.From(http.User)!, ct)).ToHttp();
}

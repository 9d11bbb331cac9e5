using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Route: administrators set the centre's regional adjustments of a national year (use case <see cref="SetRegionalAdjustments"/>).</summary>
public static class SetRegionalAdjustmentsEndpoints
{
    public sealed record SetRequest(string? Region, IReadOnlyList<CalendarWire.NamedRangeData>? RestDays, IReadOnlyList<string>? MakeUpWorkingDays, string? Source,
        string? Reason);

    public static void MapSetRegionalAdjustments(this RouteGroupBuilder api) =>
        api.MapPut("/calendar/{year:int}/regional", SetAsync).RequireAuthorization(Policies.Administration)
            .WithName("SetRegionalAdjustments")
            .WithSummary("Set (add or replace) the centre's regional adjustments of a year: local rest days and make-up working days on top of the national year; audited; re-plans running clocks. 409 for a year without national data.")
            .Accepts<SetRequest>("application/json").Produces<CalendarWire.YearResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> SetAsync(int year, HttpContext http, SetRegionalAdjustments set, CancellationToken ct)
    {
        var (request, problem) = await RequestJson.ReadAsync<SetRequest>(http.Request, ct);
        return request is null
            ? problem!
            : (await set.ExecuteAsync(new(year, request.Region, request.RestDays, request.MakeUpWorkingDays, request.Source, request.Reason),
                CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}

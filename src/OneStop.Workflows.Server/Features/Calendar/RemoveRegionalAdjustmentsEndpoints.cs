using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Route: administrators remove the centre's regional adjustments of a year (use case <see cref="RemoveRegionalAdjustments"/>).</summary>
public static class RemoveRegionalAdjustmentsEndpoints
{
    public static void MapRemoveRegionalAdjustments(this RouteGroupBuilder api) =>
        api.MapDelete("/calendar/{year:int}/regional", RemoveAsync).RequireAuthorization(Policies.Administration)
            .WithName("RemoveRegionalAdjustments")
            .WithSummary("Remove the centre's regional adjustments of a year (optional ?reason=); audited; re-plans running clocks. 404 for a year without national data.")
            .Produces<CalendarWire.YearResponse>().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> RemoveAsync(int year, string? reason, HttpContext http, RemoveRegionalAdjustments remove, CancellationToken ct) =>
        (await remove.ExecuteAsync(new(year, reason), CurrentUser.From(http.User)!, ct)).ToHttp();
}

using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Route: the stored years of the official calendar (use case <see cref="ListCalendarYears"/>).</summary>
public static class ListCalendarYearsEndpoints
{
    public static void MapListCalendarYears(this RouteGroupBuilder api) =>
        api.MapGet("/calendar/years", GetAsync).RequireAuthorization(Policies.Staff)
            .WithName("ListCalendarYears").WithSummary("The stored years of the official calendar, oldest first: year, source, when and by whom last written, whether regional adjustments exist.")
            .Produces<ListCalendarYears.Response>();

    private static async Task<IResult> GetAsync(HttpContext http, ListCalendarYears list, CancellationToken ct) =>
        (await list.ExecuteAsync(new(), CurrentUser.From(http.User)!, ct)).ToHttp();
}

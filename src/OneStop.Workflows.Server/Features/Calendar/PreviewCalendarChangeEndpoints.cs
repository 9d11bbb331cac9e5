using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Routes: what a national import or a regional change would move, before it is made; writes nothing (use cases <see cref="PreviewCalendarChange"/>, <see cref="PreviewRegionalChange"/>).</summary>
public static class PreviewCalendarChangeEndpoints
{
    public static void MapPreviewCalendarChange(this RouteGroupBuilder api)
    {
        api.MapPost("/calendar/{year:int}/preview", PreviewAsync).RequireAuthorization(Policies.Administration)
            .WithName("PreviewCalendarChange")
            .WithSummary("The running clocks whose due days the import of this national year (body as PUT /api/calendar/{year}) would move: total and the first 200; writes nothing.")
            .Accepts<ImportCalendarYearEndpoints.ImportRequest>("application/json").Produces<PreviewCalendarChange.Response>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/calendar/{year:int}/regional/preview", PreviewRegionalAsync).RequireAuthorization(Policies.Administration)
            .WithName("PreviewRegionalChange")
            .WithSummary("The running clocks whose due days setting these regional adjustments (body as PUT /api/calendar/{year}/regional) would move: total and the first 200; writes nothing.")
            .Accepts<SetRegionalAdjustmentsEndpoints.SetRequest>("application/json").Produces<PreviewCalendarChange.Response>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> PreviewRegionalAsync(int year, HttpContext http, PreviewRegionalChange preview, CancellationToken ct)
    {
        var (request, problem) = await RequestJson.ReadAsync<SetRegionalAdjustmentsEndpoints.SetRequest>(http.Request, ct);
        return request is null
            ? problem!
            : (await preview.ExecuteAsync(new SetRegionalAdjustments.Command(year, request.Region, request.RestDays, request.MakeUpWorkingDays, request.Source, request.Reason),
                CurrentUser.From(http.User)!, ct)).ToHttp();
    }

    private static async Task<IResult> PreviewAsync(int year, HttpContext http, PreviewCalendarChange preview, CancellationToken ct)
    {
        var (request, problem) = await RequestJson.ReadAsync<ImportCalendarYearEndpoints.ImportRequest>(http.Request, ct);
        return request is null
            ? problem!
            : (await preview.ExecuteAsync(new ImportCalendarYear.Command(year, request.RestDays, request.MakeUpWorkingDays, request.Source, request.Reason), CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}

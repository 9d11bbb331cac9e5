using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Calendar;

/// <summary>Route: the deadline preview (use case <see cref="PreviewDeadline"/>).</summary>
public static class PreviewDeadlineEndpoints
{
    public static void MapPreviewDeadline(this RouteGroupBuilder api) =>
        api.MapPost("/calendar/deadline", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("PreviewDeadline").WithSummary("Due day of a budget from a start day (not counted), skipping suspensions (inclusive ranges).")
            .Accepts<PreviewDeadline.Query>("application/json").Produces<PreviewDeadline.Response>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> HandleAsync(HttpContext http, PreviewDeadline preview, CancellationToken ct)
    {
        var (query, problem) = await RequestJson.ReadAsync<PreviewDeadline.Query>(http.Request, ct);
        return query is null ? problem! : (await preview.ExecuteAsync(query, CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}

using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>Route: the applicant's corrected materials arrive at the window (use case <see cref="SubmitCorrections"/>).</summary>
public static class SubmitCorrectionsEndpoints
{
    public sealed record Request(IReadOnlyList<SubmitCase.MaterialData>? Materials, string? IdempotencyKey);

    public static void MapSubmitCorrections(this RouteGroupBuilder api) =>
        api.MapPost("/cases/{id}/corrections", HandleAsync).RequireAuthorization(Policies.Window)
            .WithName("SubmitCorrections").WithSummary("Record the applicant's corrected materials; the tasks waiting for them come back.")
            .Accepts<Request>("application/json").Produces<SubmitCorrections.CorrectionsView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(string id, HttpContext http, SubmitCorrections corrections, CancellationToken ct)
    {
        var (request, problem) = await RequestJson.ReadAsync<Request>(http.Request, ct);
        return request is null
            ? problem!
            : (await corrections.ExecuteAsync(new(id, request.Materials, request.IdempotencyKey), CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}

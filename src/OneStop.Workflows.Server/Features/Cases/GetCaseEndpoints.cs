using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>Route: a case in full; the read is audited (use case <see cref="GetCase"/>).</summary>
public static class GetCaseEndpoints
{
    public static void MapGetCase(this RouteGroupBuilder api) =>
        api.MapGet("/cases/{id}", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("GetCase").WithSummary("A case with its tasks and timeline; the unmasked personal data read is audited.")
            .Produces<CaseDetail>().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(string id, HttpContext http, GetCase get, CancellationToken ct) =>
        (await get.ExecuteAsync(new(id, "GET /api/cases/{id}"), CurrentUser.From(http.User)!, ct)).ToHttp();
}

using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Cases;

/// <summary>Route: a case's correction notices, for printing (use case <see cref="GetCorrectionNotices"/>).</summary>
public static class GetCorrectionNoticesEndpoints
{
    public static void MapGetCorrectionNotices(this RouteGroupBuilder api) =>
        api.MapGet("/cases/{id}/correction-notices", HandleAsync).RequireAuthorization(Policies.Staff)
            .WithName("GetCorrectionNotices").WithSummary("A case's correction notices (补正告知书), oldest first, with every item and the text sent.")
            .Produces<GetCorrectionNotices.Notices>().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(string id, HttpContext http, GetCorrectionNotices get, CancellationToken ct) =>
        (await get.ExecuteAsync(new(id), CurrentUser.From(http.User)!, ct)).ToHttp();
}

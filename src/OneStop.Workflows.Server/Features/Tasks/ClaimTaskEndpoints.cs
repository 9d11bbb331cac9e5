using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Tasks;

/// <summary>Routes: claim a task, transfer it to a colleague (use cases <see cref="ClaimTask"/>, <see cref="TransferTask"/>).</summary>
public static class ClaimTaskEndpoints
{
    public sealed record TransferRequest(string? ToUser, string? Reason);

    public static void MapClaimAndTransfer(this RouteGroupBuilder api)
    {
        api.MapPost("/tasks/{id}/claim", ClaimAsync).RequireAuthorization(Policies.Inbox)
            .WithName("ClaimTask").WithSummary("Take a task; claiming your own task again changes nothing.")
            .Produces<TaskView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/tasks/{id}/transfer", TransferAsync).RequireAuthorization(Policies.Inbox)
            .WithName("TransferTask").WithSummary("Hand a task to a colleague of the same department who can work it.")
            .Accepts<TransferRequest>("application/json").Produces<TaskView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ClaimAsync(string id, HttpContext http, ClaimTask claim, CancellationToken ct) =>
        (await claim.ExecuteAsync(new(id), CurrentUser.From(http.User)!, ct)).ToHttp();

    private static async Task<IResult> TransferAsync(string id, HttpContext http, TransferTask transfer, CancellationToken ct)
    {
        var (request, bad) = await RequestJson.ReadAsync<TransferRequest>(http.Request, ct);
        return request is null ? bad! : (await transfer.ExecuteAsync(new(id, request.ToUser, request.Reason), CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}

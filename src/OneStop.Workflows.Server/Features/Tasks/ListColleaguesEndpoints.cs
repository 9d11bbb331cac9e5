using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Tasks;

/// <summary>Route: the colleagues a task can be transferred to (use case <see cref="ListColleagues"/>).</summary>
public static class ListColleaguesEndpoints
{
    public static void MapListColleagues(this RouteGroupBuilder api) =>
        api.MapGet("/tasks/{id}/colleagues", HandleAsync).RequireAuthorization(Policies.Inbox)
            .WithName("ListColleagues").WithSummary("The active colleagues of the task's department who could receive it by a transfer.")
            .Produces<ListColleagues.Response>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(string id, HttpContext http, ListColleagues list, CancellationToken ct) =>
        (await list.ExecuteAsync(new(id), CurrentUser.From(http.User)!, ct)).ToHttp();
}

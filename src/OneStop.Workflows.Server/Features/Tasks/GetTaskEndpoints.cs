using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Tasks;

/// <summary>Route: one task (use case <see cref="GetTask"/>).</summary>
public static class GetTaskEndpoints
{
    public static void MapGetTask(this RouteGroupBuilder api) =>
        api.MapGet("/tasks/{id}", HandleAsync).RequireAuthorization(Policies.Inbox)
            .WithName("GetTask").WithSummary("One task of my department that my role works.")
            .Produces<TaskView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> HandleAsync(string id, HttpContext http, GetTask get, CancellationToken ct) =>
        (await get.ExecuteAsync(new(id), CurrentUser.From(http.User)!, ct)).ToHttp();
}

using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Tasks;

/// <summary>Route: decide a task (use case <see cref="DecideTask"/>; a correction-notice task issues the notice).</summary>
public static class DecideTaskEndpoints
{
    public sealed record Request(string? Outcome, string? Opinion, IReadOnlyList<DecideTask.CorrectionData>? Corrections, string? IdempotencyKey);

    public static void MapDecideTask(this RouteGroupBuilder api) =>
        api.MapPost("/tasks/{id}/decision", HandleAsync).RequireAuthorization(Policies.Inbox)
            .WithName("DecideTask").WithSummary("Decide a task with an outcome, a written opinion and (for corrections) the materials to correct.")
            .Accepts<Request>("application/json").Produces<TaskView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(string id, HttpContext http, DecideTask decide, CancellationToken ct)
    {
        var (request, bad) = await RequestJson.ReadAsync<Request>(http.Request, ct);
        return request is null
            ? bad!
            : (await decide.ExecuteAsync(new(id, request.Outcome, request.Opinion, request.Corrections, request.IdempotencyKey), CurrentUser.From(http.User)!, ct)).ToHttp();
    }
}

using OneStop.Workflows.Application.Instances;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Instances;

/// <summary>Route: start an instance of a definition's published version, or <c>?version=N</c> (use case <see cref="StartInstance"/>).</summary>
public static class StartInstanceEndpoints
{
    public static void MapStartInstance(this RouteGroupBuilder api) =>
        api.MapPost("/workflow-definitions/{definitionId}/instances", HandleAsync)
            .WithName("StartInstance")
            .WithSummary("Start an instance; it runs until every branch waits on a bookmark or the flow ends.")
            .Produces<StepSummary>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Design);

    private static async Task<IResult> HandleAsync(string definitionId, int? version, HttpContext http, StartInstance start, CancellationToken ct) =>
        (await start.ExecuteAsync(new(definitionId, version), CurrentUser.From(http.User)!, ct))
            .ToHttp(instance => Results.Created($"/api/workflow-instances/{instance.InstanceId}", instance));
}

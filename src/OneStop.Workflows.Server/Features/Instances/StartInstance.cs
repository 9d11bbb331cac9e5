using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Instances;

/// <summary>Starts an instance of a definition's published version (or <c>?version=N</c>, which must be published).</summary>
public static class StartInstance
{
    public static void MapStartInstance(this RouteGroupBuilder api) =>
        api.MapPost("/workflow-definitions/{definitionId}/instances", HandleAsync)
            .WithName("StartInstance")
            .WithSummary("Start an instance; it runs until every branch waits on a bookmark or the flow ends.")
            .Produces<StepSummary>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Design);

    private static async Task<IResult> HandleAsync(string definitionId, int? version, WorkflowHost host, CancellationToken ct)
    {
        var outcome = await host.StartAsync(definitionId, version, ct);
        return outcome.Summary is { } summary
            ? Results.Created($"/api/workflow-instances/{summary.InstanceId}", InstanceResponse.From(summary))
            : Problems.From(outcome.Error!.Value);
    }
}

/// <summary>The answer to a start or resume.</summary>
public sealed record InstanceResponse(string InstanceId, string Status, IReadOnlyList<BookmarkSummary> Bookmarks)
{
    public static InstanceResponse From(StepSummary summary) => new(summary.InstanceId, summary.Status.ToString(), summary.Bookmarks);
}

using OneStop.Workflows.Application.Instances;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Instances;

/// <summary>Route: an instance with its open bookmarks, incidents and journal (use case <see cref="GetInstance"/>).</summary>
public static class GetInstanceEndpoints
{
    public static void MapGetInstance(this RouteGroupBuilder api) =>
        api.MapGet("/workflow-instances/{instanceId}", HandleAsync)
            .WithName("GetInstance")
            .WithSummary("Get an instance with its open bookmarks, incidents and journal (?afterSequence=N pages the journal).")
            .Produces<GetInstance.Response>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Design);

    private static async Task<IResult> HandleAsync(string instanceId, long? afterSequence, HttpContext http, GetInstance get, CancellationToken ct) =>
        (await get.ExecuteAsync(new(instanceId, afterSequence), CurrentUser.From(http.User)!, ct)).ToHttp();
}

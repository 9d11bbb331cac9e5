using System.Text.Json.Nodes;
using OneStop.Workflows.Application.Instances;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Instances;

/// <summary>Route: resume an open bookmark with input (use case <see cref="ResumeBookmark"/>).</summary>
public static class ResumeBookmarkEndpoints
{
    /// <summary>The request body (documented for OpenAPI; read by hand for precise errors).</summary>
    public sealed record Request(JsonObject? Input, string IdempotencyKey);

    public static void MapResumeBookmark(this RouteGroupBuilder api) =>
        api.MapPost("/workflow-instances/{instanceId}/bookmarks/{bookmarkId}/resume", HandleAsync)
            .WithName("ResumeBookmark")
            .WithSummary("Resume an open bookmark; repeat with the same idempotencyKey to get the first answer again.")
            .Accepts<Request>("application/json")
            .Produces<InstanceResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Design);

    private static async Task<IResult> HandleAsync(string instanceId, string bookmarkId, HttpContext http, ResumeBookmark resume, CancellationToken ct)
    {
        var actor = CurrentUser.From(http.User)!;
        if (await resume.CheckTargetAsync(instanceId, bookmarkId, actor, ct) is { } refused)
        {
            return Problems.From(refused); // the target's refusal comes before any complaint about the body
        }

        var (body, problem) = await RequestJson.ReadObjectAsync(http.Request, ct);
        return body is null ? problem! : (await resume.ExecuteAsync(new(instanceId, bookmarkId, body), actor, ct)).ToHttp();
    }
}

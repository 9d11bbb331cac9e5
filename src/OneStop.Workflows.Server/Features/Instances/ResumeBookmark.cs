using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Instances;

/// <summary>Resumes an open bookmark with input; an idempotency key makes a repeat return the first answer.</summary>
public static class ResumeBookmark
{
    public const int MaxKeyLength = 200;

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

    private static async Task<IResult> HandleAsync(string instanceId, string bookmarkId, HttpRequest request, WorkflowHost host,
        Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.OneStopDbContext> contexts, CancellationToken ct)
    {
        if (!WorkflowInstanceId.TryParse(instanceId, out var id))
        {
            return Problems.From(HostError.InstanceNotFound);
        }

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Cases, c => c.InstanceId == id, ct))
            {
                // A case's bookmarks are its inbox tasks: deciding them checks department and role and records who decided.
                return Problems.Conflict("This instance runs a case; decide its tasks through /api/tasks/{id}/decision.", "instance.case-owned");
            }
        }

        if (!BookmarkId.TryParse(bookmarkId, out var bookmark))
        {
            return Problems.From(HostError.BookmarkNotFound);
        }

        var (body, problem) = await RequestJson.ReadObjectAsync(request, ct);
        if (body is null)
        {
            return problem!;
        }

        var key = body["idempotencyKey"] is JsonValue k && k.TryGetValue<string>(out var s) ? s.Trim() : null;
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            return Problems.BadRequest($"'idempotencyKey' is required: a non-empty string of at most {MaxKeyLength} characters.");
        }

        if (body["input"] is not (null or JsonObject))
        {
            return Problems.BadRequest("'input' must be a JSON object when given.");
        }

        HostOutcome outcome;
        try
        {
            outcome = await host.ResumeAsync(id, bookmark, body["input"]?.DeepClone().AsObject(), key, ct);
        }
        catch (StepRefusedException refused)
        {
            return Problems.Conflict(refused.Message, refused.Code);
        }

        return outcome.Summary is { } summary ? Results.Ok(InstanceResponse.From(summary)) : Problems.From(outcome.Error!.Value);
    }
}

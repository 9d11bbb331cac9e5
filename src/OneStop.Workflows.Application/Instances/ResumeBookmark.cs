using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Instances;

/// <summary>
/// Resumes an open bookmark with input (designers, administrators); an idempotency key makes a repeat return the first
/// answer. Not for a case's instance: its bookmarks are inbox tasks, decided through the task decision.
/// </summary>
public sealed class ResumeBookmark(WorkflowHost host, OneStopDbContext db)
{
    public const int MaxKeyLength = 200;

    /// <summary><paramref name="Body"/> is the request object: <c>idempotencyKey</c> (required) and <c>input</c> (an object, optional).</summary>
    public sealed record Command(string InstanceId, string BookmarkId, JsonObject Body);

    /// <summary>
    /// The checks that come before the body is read: the instance and bookmark ids, and that the instance runs no case. A door
    /// that reads the body itself asks these first, so a bad body on a wrong target is answered as the target's refusal.
    /// </summary>
    public async Task<Refusal?> CheckTargetAsync(string instanceId, string bookmarkId, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.DesignersOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (!WorkflowInstanceId.TryParse(instanceId, out var id))
        {
            return HostRefusals.From(HostError.InstanceNotFound);
        }

        if (await db.Cases.AsNoTracking().AnyAsync(c => c.InstanceId == id, ct))
        {
            // A case's bookmarks are its inbox tasks: deciding them checks department and role and records who decided.
            return Refusal.Conflict("This instance runs a case; decide its tasks through /api/tasks/{id}/decision.", RefusalCodes.InstanceCaseOwned);
        }

        return BookmarkId.TryParse(bookmarkId, out _) ? null : HostRefusals.From(HostError.BookmarkNotFound);
    }

    public async Task<Result<InstanceResponse>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (await CheckTargetAsync(command.InstanceId, command.BookmarkId, actor, ct) is { } refused)
        {
            return refused;
        }

        var body = command.Body;
        var key = body["idempotencyKey"] is JsonValue k && k.TryGetValue<string>(out var s) ? s.Trim() : null;
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength)
        {
            return BadRequest($"'idempotencyKey' is required: a non-empty string of at most {MaxKeyLength} characters.");
        }

        if (body["input"] is not (null or JsonObject))
        {
            return BadRequest("'input' must be a JSON object when given.");
        }

        WorkflowInstanceId.TryParse(command.InstanceId, out var id); // both checked above
        BookmarkId.TryParse(command.BookmarkId, out var bookmark);
        HostOutcome outcome;
        try
        {
            outcome = await host.ResumeAsync(id, bookmark, body["input"]?.DeepClone().AsObject(), key, ct);
        }
        catch (StepRefusedException refusedStep)
        {
            return Refusal.Conflict(refusedStep.Message, refusedStep.Code);
        }

        return outcome.Summary is { } summary ? InstanceResponse.From(summary) : HostRefusals.From(outcome.Error!.Value);
    }

    /// <summary>A 400 about the body as a whole (no field map: the server shows it as a plain ProblemDetails).</summary>
    private static Refusal BadRequest(string message) => new(RefusalKind.Invalid, RefusalCodes.InvalidRequest, message);
}

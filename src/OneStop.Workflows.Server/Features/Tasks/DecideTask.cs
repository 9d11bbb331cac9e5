using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Tasks;

/// <summary>
/// Decide a task. Acceptance and review decisions resume the case's workflow in one transaction; the lead window's
/// correction-notice task issues the merged notice. The same idempotency key again returns the first answer.
/// </summary>
public static class DecideTask
{
    public sealed record CorrectionData(string? Material, string? Problem);

    public sealed record Request(string? Outcome, string? Opinion, IReadOnlyList<CorrectionData>? Corrections, string? IdempotencyKey);

    public static void MapDecideTask(this RouteGroupBuilder api) =>
        api.MapPost("/tasks/{id}/decision", HandleAsync).RequireAuthorization(Policies.Inbox)
            .WithName("DecideTask").WithSummary("Decide a task with an outcome, a written opinion and (for corrections) the materials to correct.")
            .Accepts<Request>("application/json").Produces<TaskView>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> HandleAsync(string id, HttpContext http, IDbContextFactory<OneStopDbContext> contexts, WorkflowHost host,
        CorrectionNoticeIssuer issuer, CancellationToken ct)
    {
        var user = CurrentUser.From(http.User)!;
        var (request, bad) = await RequestJson.ReadAsync<Request>(http.Request, ct);
        if (request is null)
        {
            return bad!;
        }

        ApprovalTask? task;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            (task, var refusal) = await Application.Tasks.TaskAccess.FindForActionAsync(db, id, user, tracked: false, ct);
            if (task is null)
            {
                return Problems.From(refusal!);
            }
        }

        var key = request.IdempotencyKey?.Trim();
        if (task.Status == ApprovalTaskStatus.Decided)
        {
            return key is not null && task.DecisionKey == key
                ? Results.Ok(TaskView.From(task))
                : Problems.Conflict($"The task was already decided ({task.Outcome}) by {task.DecidedBy}.", "task.already-decided");
        }

        if (Validate(request, task) is { Count: > 0 } errors)
        {
            return Problems.Validation(errors);
        }

        if (task.Status != ApprovalTaskStatus.Open)
        {
            return Problems.Conflict(task.Status == ApprovalTaskStatus.Paused ? "The task is paused until the applicant's corrections arrive." : $"The task is {task.Status}.", $"task.{task.Status.ToString().ToLowerInvariant()}");
        }

        if (task.Assignee is not null && task.Assignee != user.UserName)
        {
            return Problems.Conflict($"The task is assigned to {task.Assignee}; ask them or transfer it first.", "task.assigned-to-other");
        }

        if (task.Kind == TaskKind.CorrectionNotice)
        {
            return await issuer.IssueAsync(task.Id, user, key!, ct);
        }

        var input = new JsonObject
        {
            [DecisionInput.Outcome] = request.Outcome,
            [DecisionInput.Opinion] = request.Opinion?.Trim(),
            [DecisionInput.Actor] = user.UserName,
            [DecisionInput.Corrections] = new JsonArray((request.Corrections ?? [])
                .Select(c => (JsonNode)new JsonObject { ["material"] = c.Material?.Trim(), ["problem"] = c.Problem?.Trim() }).ToArray()),
        };
        try
        {
            // The engine's keys are per instance; scope the caller's key to this task so two tasks of a case may share one.
            var engineKey = $"task:{task.Id:N}:{key}";
            var outcome = await host.ResumeAsync(new ResumeCommand(task.InstanceId!.Value, task.BookmarkId!.Value, input, engineKey, new DecideTaskContext(task.Id, user.UserName, key!)), ct);
            if (outcome.Error is { } error && error != HostError.BookmarkNotFound)
            {
                return Problems.From(error);
            }
        }
        catch (StepRefusedException refused)
        {
            return Problems.Conflict(refused.Message, refused.Code);
        }

        await using var after = await contexts.CreateDbContextAsync(ct);
        var decided = await after.Tasks.AsNoTracking().FirstAsync(t => t.Id == task.Id, ct);
        return decided.Status == ApprovalTaskStatus.Decided && decided.DecisionKey == key
            ? Results.Ok(TaskView.From(decided))
            : Problems.Conflict($"The task was decided meanwhile ({decided.Outcome}) by {decided.DecidedBy}.", "task.already-decided");
    }

    private static Dictionary<string, string[]> Validate(Request r, ApprovalTask task)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.IdempotencyKey) || r.IdempotencyKey.Length > 200)
        {
            errors["idempotencyKey"] = ["Required, at most 200 characters."];
        }

        if (r.Outcome is null || !task.AllowedOutcomes.Contains(r.Outcome))
        {
            errors["outcome"] = [$"One of: {string.Join(", ", task.AllowedOutcomes)}."];
        }

        if (task.Kind == TaskKind.Review && string.IsNullOrWhiteSpace(r.Opinion))
        {
            errors["opinion"] = ["A review decision carries a written opinion."];
        }

        if (r.Opinion?.Length > 4000)
        {
            errors["opinion"] = ["At most 4000 characters."];
        }

        var needsCorrections = r.Outcome is Outcomes.CorrectionRequested or Outcomes.ReturnedForCorrection;
        if (needsCorrections && (r.Corrections is not { Count: > 0 } || r.Corrections.Any(c => string.IsNullOrWhiteSpace(c.Material) || string.IsNullOrWhiteSpace(c.Problem))))
        {
            errors["corrections"] = ["List every material to correct, each with the problem (一次性告知)."];
        }

        return errors;
    }
}

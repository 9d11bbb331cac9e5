using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Tasks;

/// <summary>
/// Decide a task. Acceptance and review decisions resume the case's workflow in one transaction; the lead window's
/// correction-notice task issues the merged notice (<see cref="IssueCorrectionNotice"/>). The same idempotency key again
/// answers the first decision.
/// </summary>
public sealed class DecideTask(OneStopDbContext db, WorkflowHost host, IssueCorrectionNotice notices)
{
    /// <summary>A material to correct and what is wrong with it.</summary>
    public sealed record CorrectionData(string? Material, string? Problem);

    public sealed record Command(string TaskId, string? Outcome, string? Opinion, IReadOnlyList<CorrectionData>? Corrections, string? IdempotencyKey);

    public async Task<Result<TaskView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        var (task, refusal) = await TaskAccess.FindForActionAsync(db, command.TaskId, actor, tracked: false, ct);
        if (task is null)
        {
            return refusal!;
        }

        var key = command.IdempotencyKey?.Trim();
        if (task.Status == ApprovalTaskStatus.Decided)
        {
            return key is not null && task.DecisionKey == key
                ? TaskView.From(task)
                : Refusal.Conflict($"The task was already decided ({task.Outcome}) by {task.DecidedBy}.", RefusalCodes.TaskAlreadyDecided);
        }

        if (Validate(command, task) is { Count: > 0 } errors)
        {
            return Refusal.Invalid(errors);
        }

        if (task.Status != ApprovalTaskStatus.Open)
        {
            return Refusal.Conflict(task.Status == ApprovalTaskStatus.Paused ? "The task is paused until the applicant's corrections arrive." : $"The task is {task.Status}.",
                RefusalCodes.TaskInStatus(task.Status.ToString()));
        }

        if (task.Assignee is not null && task.Assignee != actor.UserName)
        {
            return Refusal.Conflict($"The task is assigned to {task.Assignee}; ask them or transfer it first.", RefusalCodes.TaskAssignedToOther);
        }

        if (task.Kind == TaskKind.CorrectionNotice)
        {
            return await notices.IssueAsync(task.Id, actor, key!, ct);
        }

        try
        {
            // The engine's keys are per instance; scope the caller's key to this task so two tasks of a case may share one.
            var engineKey = $"task:{task.Id.Value:N}:{key}";
            var context = new DecideTaskContext(task.Id, actor.UserName, key!);
            var outcome = await host.ResumeAsync(new ResumeCommand(task.InstanceId!.Value, task.BookmarkId!.Value, Input(command, actor), engineKey, context), ct);
            if (outcome.Error is { } error && error != HostError.BookmarkNotFound)
            {
                return HostRefusals.From(error);
            }

            if (outcome.Error is null && !outcome.Replayed && context.Decided is { } stepDecided)
            {
                // The committed step decided the task: answer from it instead of reading it again.
                return TaskView.From(stepDecided);
            }
        }
        catch (StepRefusedException refused)
        {
            return Refusal.Conflict(refused.Message, refused.Code);
        }

        // Decided meanwhile by someone else, or the same key replayed: read what was stored.
        var decided = await db.Tasks.AsNoTracking().FirstAsync(t => t.Id == task.Id, ct);
        return decided.Status == ApprovalTaskStatus.Decided && decided.DecisionKey == key
            ? TaskView.From(decided)
            : Refusal.Conflict($"The task was decided meanwhile ({decided.Outcome}) by {decided.DecidedBy}.", RefusalCodes.TaskAlreadyDecided);
    }

    private static JsonObject Input(Command command, Actor actor) => new()
    {
        [DecisionInput.Outcome] = command.Outcome,
        [DecisionInput.Opinion] = command.Opinion?.Trim(),
        [DecisionInput.Actor] = actor.UserName,
        [DecisionInput.Corrections] = new JsonArray((command.Corrections ?? [])
            .Select(c => (JsonNode)new JsonObject { ["material"] = c.Material?.Trim(), ["problem"] = c.Problem?.Trim() }).ToArray()),
    };

    private static Dictionary<string, FieldError[]> Validate(Command r, ApprovalTask task)
    {
        var errors = new Dictionary<string, FieldError[]>();
        if (string.IsNullOrWhiteSpace(r.IdempotencyKey) || r.IdempotencyKey.Length > 200)
        {
            errors["idempotencyKey"] = [new FieldError(FieldErrorCodes.IdempotencyKeyRequired, "Required, at most 200 characters.").With("max", 200)];
        }

        if (r.Outcome is null || !task.AllowedOutcomes.Contains(r.Outcome))
        {
            errors["outcome"] = [new FieldError(FieldErrorCodes.OutcomeInvalid, $"One of: {string.Join(", ", task.AllowedOutcomes)}.").With("outcomes", string.Join(", ", task.AllowedOutcomes))];
        }

        if (task.Kind == TaskKind.Review && string.IsNullOrWhiteSpace(r.Opinion))
        {
            errors["opinion"] = [new(FieldErrorCodes.OpinionRequired, "A review decision carries a written opinion.")];
        }

        // 行政许可法 Art. 32: a refusal to accept is written, with its reasons.
        if (task.Kind == TaskKind.Acceptance && r.Outcome == Outcomes.Refused && string.IsNullOrWhiteSpace(r.Opinion))
        {
            errors["opinion"] = [new(FieldErrorCodes.RefusalReasonsRequired, "A refusal to accept states its reasons (不予受理须说明理由).")];
        }

        if (r.Opinion?.Length > 4000)
        {
            errors["opinion"] = [new FieldError(FieldErrorCodes.TooLong, "At most 4000 characters.").With("max", 4000)];
        }

        var needsCorrections = r.Outcome is Outcomes.CorrectionRequested or Outcomes.ReturnedForCorrection;
        if (needsCorrections && (r.Corrections is not { Count: > 0 } || r.Corrections.Any(c => string.IsNullOrWhiteSpace(c.Material) || string.IsNullOrWhiteSpace(c.Problem))))
        {
            errors["corrections"] = [new(FieldErrorCodes.CorrectionsRequired, "List every material to correct, each with the problem (一次性告知).")];
        }

        return errors;
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Approval;

namespace OneStop.Workflows.Application.Tasks;

/// <summary>
/// The lead window issues the merged correction notice of the reviewing departments (ReturnForCorrection policy): one notice
/// to the applicant, the case waits, the other open reviews pause. One transaction with version checks; the same key again
/// answers the decided task. <see cref="DecideTask"/> runs it for a correction-notice task.
/// </summary>
public sealed class IssueCorrectionNotice(OneStopDbContext db, IClock clock, NotificationOptions notifications, ILogger<IssueCorrectionNotice> logger)
{
    public sealed record Command(string TaskId, string? IdempotencyKey);

    public async Task<Result<TaskView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.IdempotencyKey) || command.IdempotencyKey.Length > 200)
        {
            return Refusal.Invalid("idempotencyKey", new FieldError(FieldErrorCodes.IdempotencyKeyRequired, "Required, at most 200 characters.").With("max", 200));
        }

        var (task, refusal) = await TaskAccess.FindForActionAsync(db, command.TaskId, actor, tracked: false, ct);
        if (task is null)
        {
            return refusal!;
        }

        if (task.Kind != TaskKind.CorrectionNotice)
        {
            return Refusal.Invalid("taskId", new FieldError(FieldErrorCodes.TaskNotCorrectionNotice, $"The task is a {task.Kind} task, not a correction notice; decide it instead.")
                .With("kind", task.Kind.ToString()));
        }

        if (task.Status == ApprovalTaskStatus.Open && task.Assignee is not null && task.Assignee != actor.UserName)
        {
            return Refusal.Conflict($"The task is assigned to {task.Assignee}; ask them or transfer it first.", RefusalCodes.TaskAssignedToOther);
        }

        return await IssueAsync(task.Id, actor, command.IdempotencyKey.Trim(), ct);
    }

    /// <summary>Issues the notice for a task the caller has checked the actor may decide.</summary>
    internal async Task<Result<TaskView>> IssueAsync(TaskId taskId, Actor actor, string key, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var task = await db.Tasks.FirstAsync(t => t.Id == taskId, ct);
        if (task.Status != ApprovalTaskStatus.Open)
        {
            return task.DecisionKey == key ? TaskView.From(task) : Refusal.Conflict($"The task is {task.Status}.", RefusalCodes.TaskNotOpen);
        }

        var c = await db.Cases.FirstAsync(x => x.Id == task.CaseId, ct);
        var notice = await db.CorrectionNotices.Where(n => n.CaseId == c.Id && n.IssuedAt == null).OrderBy(n => n.CreatedAt).FirstOrDefaultAsync(ct);
        if (notice is null || notice.Items.Count == 0)
        {
            return Refusal.Conflict("There is no pending correction request to issue.", RefusalCodes.NoticeNothingToIssue);
        }

        var now = clock.GetCurrentInstant();
        var notification = CaseRecords.IssueNotice(db, c, notice, actor.UserName, now, notifications.Channel);
        foreach (var review in await db.Tasks.Where(t => t.CaseId == c.Id && t.Kind == TaskKind.Review && t.Status == ApprovalTaskStatus.Open).ToListAsync(ct))
        {
            review.Pause();
        }

        task.Decide(Outcomes.Issued, null, actor.UserName, key, now);
        CaseRecords.Audit(db, c, now, AuditActions.TaskDecided, actor.UserName, task.Id.ToString(), null, new { outcome = Outcomes.Issued });
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refusal.Conflict("The case changed meanwhile; read it again.", RefusalCodes.CaseConcurrentChange);
        }

        logger.LogInformation("Notify {Channel} ({Kind}): {Message}", notification.Channel, notification.Kind, notification.Message);
        return TaskView.From(task);
    }
}

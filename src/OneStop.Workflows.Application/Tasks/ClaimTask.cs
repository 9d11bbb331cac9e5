using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Tasks;

/// <summary>Claim a task of my department; claiming my own open task again changes nothing.</summary>
public sealed class ClaimTask(OneStopDbContext db, IClock clock)
{
    public sealed record Command(string TaskId);

    public async Task<Result<TaskView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        var (task, refusal) = await TaskAccess.FindForActionAsync(db, command.TaskId, actor, tracked: true, ct);
        if (task is null)
        {
            return refusal!;
        }

        if (task.Assignee == actor.UserName && task.Status == ApprovalTaskStatus.Open)
        {
            return TaskView.From(task);
        }

        if (task.ClaimProblem(actor.UserName) is { } problem)
        {
            return Refusal.Conflict(problem, RefusalCodes.TaskNotClaimable);
        }

        var now = clock.GetCurrentInstant();
        task.Claim(actor.UserName);
        if (task.Kind == TaskKind.Acceptance)
        {
            var c = await db.Cases.FirstAsync(x => x.Id == task.CaseId, ct);
            c.TakeOwnership(actor.UserName, now);
        }

        db.AuditEvents.Add(new AuditEvent(now, actor.UserName, AuditActions.TaskClaimed, task.CaseId.Value, task.Id.ToString(), null, null));
        return await TaskSave.SaveAsync(db, task, ct);
    }
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Tasks;

/// <summary>Hand an open task to a colleague of the same department who can work it (its assignee or a department head may).</summary>
public sealed class TransferTask(OneStopDbContext db, IClock clock)
{
    public sealed record Command(string TaskId, string? ToUser, string? Reason);

    public async Task<Result<TaskView>> ExecuteAsync(Command command, Actor actor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(command.ToUser))
        {
            return Refusal.Invalid("toUser", new FieldError(FieldErrorCodes.Required, "The colleague's user name is required."));
        }

        var (task, refusal) = await TaskAccess.FindForActionAsync(db, command.TaskId, actor, tracked: true, ct);
        if (task is null)
        {
            return refusal!;
        }

        if (TaskTransfers.NotTransferable(task, actor) is { } notTransferable)
        {
            return notTransferable;
        }

        var colleague = await db.Users.AsNoTracking().Where(u => u.UserName == command.ToUser).Where(TaskTransfers.CanReceive(task)).FirstOrDefaultAsync(ct);
        if (colleague is null)
        {
            return Refusal.Invalid("toUser", new FieldError(FieldErrorCodes.TransferNotColleague,
                $"'{command.ToUser}' is not an active colleague of {task.Department} who can work {task.Kind} tasks.").With("value", command.ToUser).With("department", task.Department));
        }

        task.Transfer(colleague.UserName);
        db.AuditEvents.Add(new AuditEvent(clock.GetCurrentInstant(), actor.UserName, AuditActions.TaskTransferred, task.CaseId.Value, task.Id.ToString(),
            JsonSerializer.Serialize(new { to = colleague.UserName }), command.Reason));
        return await TaskSave.SaveAsync(db, task, ct);
    }
}

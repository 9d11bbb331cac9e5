using System.Linq.Expressions;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Application.Tasks;

/// <summary>The transfer rule, in one place for <see cref="TransferTask"/> and <see cref="ListColleagues"/>: who may hand a task on, and to whom.</summary>
internal static class TaskTransfers
{
    /// <summary>Why <paramref name="actor"/> may not transfer <paramref name="task"/> now (a conflict), or null: it is open, and they are its assignee, anyone while it is unassigned, or a department head.</summary>
    public static Refusal? NotTransferable(ApprovalTask task, Actor actor) =>
        task.Status != ApprovalTaskStatus.Open || (task.Assignee is not null && task.Assignee != actor.UserName && actor.Role != Role.DepartmentHead)
            ? Refusal.Conflict(task.Status != ApprovalTaskStatus.Open ? $"The task is {task.Status}." : $"Only {task.Assignee} or a department head can transfer it.",
                RefusalCodes.TaskNotTransferable)
            : null;

    /// <summary>The users who can receive <paramref name="task"/>: active, members of its department (home or further), and of a role that works its kind.</summary>
    public static Expression<Func<UserAccount, bool>> CanReceive(ApprovalTask task)
    {
        var roles = Enum.GetValues<Role>().Where(r => CaseAccess.CanWork(r, task.Kind)).ToList();
        var department = task.Department;
        return u => u.IsActive && (u.DepartmentCode == department || u.Memberships.Any(m => m.DepartmentCode == department)) && roles.Contains(u.Role);
    }
}

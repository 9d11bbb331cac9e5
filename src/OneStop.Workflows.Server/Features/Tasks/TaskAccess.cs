using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.Cases;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Tasks;

/// <summary>Loads a task and checks that the user may act on it: 404 unknown, 403 another department's or the wrong role.</summary>
internal static class TaskAccess
{
    public static async Task<(ApprovalTask? Task, IResult? Problem)> FindForActionAsync(OneStopDbContext db, string id, CurrentUser user, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Tasks : db.Tasks.AsNoTracking();
        var task = Guid.TryParse(id, out var taskId) ? await query.FirstOrDefaultAsync(t => t.Id == taskId, ct) : null;
        if (task is null)
        {
            return (null, Problems.NotFound("No task with that id."));
        }

        if (task.Department != user.Department)
        {
            return (null, Problems.Forbidden($"The task belongs to department {task.Department}; you work for {user.Department ?? "no department"}."));
        }

        return CaseAccess.CanWork(user.Role, task.Kind)
            ? (task, null)
            : (null, Problems.Forbidden($"A {user.Role} cannot work {task.Kind} tasks."));
    }
}

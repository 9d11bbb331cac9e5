using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Tasks;

/// <summary>Loads a task and checks that the actor may act on it: unknown (404), another department's or the wrong role (403).</summary>
internal static class TaskAccess
{
    public static async Task<Result<ApprovalTask>> FindForActionAsync(OneStopDbContext db, string id, Actor actor, bool tracked, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var task = !TaskId.TryParse(id, out var taskId) ? null
            : tracked ? await StepQueries.For(db).TrackedTaskById(db, taskId)
            : await StepQueries.For(db).TaskById(db, taskId);
        if (task is null)
        {
            return Refusal.NotFound("No task with that id.");
        }

        if (!actor.WorksFor(task.Department))
        {
            return Refusal.Forbidden($"The task belongs to department {task.Department}; you work for {(actor.Departments.Count == 0 ? "no department" : string.Join(", ", actor.Departments))}.");
        }

        return CaseAccess.CanWork(actor.Role, task.Kind)
            ? task
            : Refusal.Forbidden($"A {actor.Role} cannot work {task.Kind} tasks.");
    }
}

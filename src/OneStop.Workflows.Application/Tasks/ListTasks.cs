using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Tasks;

/// <summary>The inbox: my tasks, or my department's open and paused tasks of the kinds I can work, newest first, paged (0-based).</summary>
public sealed class ListTasks(OneStopDbContext db)
{
    /// <summary>Whose tasks: assigned to me, or my department's.</summary>
    public enum Scope
    {
        Department,
        Mine,
    }

    /// <summary>The page values are already checked by the caller's paging rule.</summary>
    public sealed record Query(Scope Scope, int PageNumber, int PageSize);

    public sealed record Page(IReadOnlyList<TaskView> Items, int TotalCount, int PageNumber, int PageSize);

    public async Task<Result<Page>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (actor.Role is not (Role.WindowClerk or Role.Reviewer or Role.DepartmentHead))
        {
            return Refusal.Forbidden($"A {actor.Role} has no inbox.");
        }

        var tasks = db.Tasks.AsNoTracking().Where(t => t.Department == actor.Department && (t.Status == ApprovalTaskStatus.Open || t.Status == ApprovalTaskStatus.Paused));
        tasks = query.Scope == Scope.Mine ? tasks.Where(t => t.Assignee == actor.UserName) : tasks;
        var kinds = Enum.GetValues<TaskKind>().Where(k => CaseAccess.CanWork(actor.Role, k)).ToList();
        tasks = tasks.Where(t => kinds.Contains(t.Kind));
        await using var read = await db.ReadTransactionAsync(ct);
        var total = await tasks.CountAsync(ct);
        var skip = checked((int)((long)query.PageNumber * query.PageSize));
        var items = await tasks.OrderByDescending(t => t.CreatedAt).ThenBy(t => t.Id).Skip(skip).Take(query.PageSize).ToListAsync(ct);
        await read.CompleteAsync(ct);
        return new Page(items.Select(TaskView.From).ToList(), total, query.PageNumber, query.PageSize);
    }
}

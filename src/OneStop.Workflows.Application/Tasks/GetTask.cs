using OneStop.Workflows.Application.Cases;

namespace OneStop.Workflows.Application.Tasks;

/// <summary>
/// One task of my department that my role works (issue 10: the task page). The same access rule as acting on it: an unknown
/// task is 404, another department's or another role's 403 — a reviewer cannot read what they could not decide.
/// </summary>
public sealed class GetTask(Persistence.OneStopDbContext db)
{
    public sealed record Query(string TaskId);

    public async Task<Result<TaskView>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (task, refusal) = await TaskAccess.FindForActionAsync(db, query.TaskId, actor, tracked: false, ct);
        return task is null ? refusal! : TaskView.From(task);
    }
}

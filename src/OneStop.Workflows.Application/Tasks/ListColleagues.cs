using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Tasks;

/// <summary>
/// The colleagues a task can be transferred to (issue 10: the transfer dialog's picker): the active users of its department
/// whose role works its kind — the rule <see cref="TransferTask"/> applies — refused as a transfer of that task would be.
/// </summary>
public sealed class ListColleagues(OneStopDbContext db)
{
    public sealed record Query(string TaskId);

    /// <summary>A colleague who could receive the task.</summary>
    public sealed record Colleague(string UserName, string DisplayName, string Role);

    /// <summary>The colleagues, by user name.</summary>
    public sealed record Response(IReadOnlyList<Colleague> Items);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (task, refusal) = await TaskAccess.FindForActionAsync(db, query.TaskId, actor, tracked: false, ct);
        if (task is null)
        {
            return refusal!;
        }

        if (TaskTransfers.NotTransferable(task, actor) is { } notTransferable)
        {
            return notTransferable;
        }

        var users = await db.Users.AsNoTracking().Where(TaskTransfers.CanReceive(task)).OrderBy(u => u.UserName).ToListAsync(ct);
        return new Response(users.Select(u => new Colleague(u.UserName, u.DisplayName, u.Role.ToString())).ToList());
    }
}

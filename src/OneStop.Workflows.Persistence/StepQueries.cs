using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Supervision;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Persistence.Workflows;

namespace OneStop.Workflows.Persistence;

/// <summary>
/// The reads every workflow step makes, compiled once (<see cref="EF.CompileAsyncQuery{TContext,TParam1,TResult}(System.Linq.Expressions.Expression{Func{TContext,TParam1,TResult}})"/>):
/// a step no longer builds, hashes and looks up a LINQ expression tree per read (docs/benchmarks.md, "Where the server's
/// CPU goes"). Same SQL as the LINQ they replace; the tracking of each is as before. A compiled query keeps the executor
/// of the first model it ran on, so there is one set per model (<see cref="For"/>): PostgreSQL and SQLite contexts in one
/// process (the tests) each get their own.
/// </summary>
public sealed class StepQueries
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IModel, StepQueries> ByModel = new();

    private StepQueries()
    {
    }

    /// <summary>The compiled queries for <paramref name="db"/>'s model.</summary>
    public static StepQueries For(OneStopDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return ByModel.GetOrAdd(db.Model, _ => new StepQueries());
    }

    public readonly Func<OneStopDbContext, WorkflowInstanceId, Task<WorkflowInstanceRow?>> Instance =
        EF.CompileAsyncQuery((OneStopDbContext db, WorkflowInstanceId id) => db.Instances.AsNoTracking().FirstOrDefault(r => r.Id == id));

    public readonly Func<OneStopDbContext, WorkflowInstanceId, IAsyncEnumerable<WorkflowBookmarkRow>> Bookmarks =
        EF.CompileAsyncQuery<OneStopDbContext, WorkflowInstanceId, WorkflowBookmarkRow>((db, id) => db.Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == id).OrderBy(b => b.CreatedAt).ThenBy(b => b.Id));

    public readonly Func<OneStopDbContext, WorkflowInstanceId, string, Task<WorkflowIdempotencyRow?>> Idempotency =
        EF.CompileAsyncQuery((OneStopDbContext db, WorkflowInstanceId id, string key) =>
            db.Idempotency.AsNoTracking().FirstOrDefault(r => r.InstanceId == id && r.Key == key));

    public readonly Func<OneStopDbContext, CaseId, Task<Case?>> Case =
        EF.CompileAsyncQuery((OneStopDbContext db, CaseId id) => db.Cases.FirstOrDefault(c => c.Id == id));

    public readonly Func<OneStopDbContext, CaseId, IAsyncEnumerable<ApprovalTask>> Tasks =
        EF.CompileAsyncQuery((OneStopDbContext db, CaseId id) => db.Tasks.Where(t => t.CaseId == id));

    public readonly Func<OneStopDbContext, CaseId, IAsyncEnumerable<CorrectionNotice>> OpenNotices =
        EF.CompileAsyncQuery((OneStopDbContext db, CaseId id) => db.CorrectionNotices.Where(n => n.CaseId == id && n.AnsweredAt == null));

    public readonly Func<OneStopDbContext, CaseId, IAsyncEnumerable<Clock>> Clocks =
        EF.CompileAsyncQuery((OneStopDbContext db, CaseId id) => db.Clocks.Where(k => k.CaseId == id));

    /// <summary>The id of a definition's published version (null when none is), for a start of a remembered version.</summary>
    public readonly Func<OneStopDbContext, string, CancellationToken, Task<string?>> PublishedVersionId =
        EF.CompileAsyncQuery((OneStopDbContext db, string definitionId, CancellationToken _) => db.Definitions.AsNoTracking()
            .Where(r => r.DefinitionId == definitionId && r.IsPublished).OrderByDescending(r => r.Version).Select(r => r.Id).FirstOrDefault());

    public readonly Func<OneStopDbContext, string, Task<Domain.Catalogue.ServiceItem?>> Item =
        EF.CompileAsyncQuery((OneStopDbContext db, string code) => db.ServiceItems.AsNoTracking().FirstOrDefault(i => i.Code == code));

    /// <summary>
    /// A stored case's working set — the case, its tasks, open notices and clocks, and its clocks' ladder signals — tracked;
    /// one round trip on PostgreSQL (<see cref="Shared.BatchedReads"/>), where the ladder signals are locked until the step's
    /// transaction ends (<see cref="CaseLadderSignalsForUpdate"/>). The signals are not returned: the re-plan finds them in
    /// the tracker (<see cref="Supervision.SignalPlanner"/>, its <c>trackedCase</c>).
    /// </summary>
    public async Task<(Case? Case, List<ApprovalTask> Tasks, List<CorrectionNotice> Notices, List<Clock> Clocks)> WorkingSetAsync(
        OneStopDbContext db, CaseId id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        Case? c = null;
        List<ApprovalTask> tasks = [];
        List<CorrectionNotice> notices = [];
        List<Clock> clocks = [];
        var locking = db.Database.IsNpgsql();
        await Shared.BatchedReads.RunAsync(db, "step.working-set", [id.Value], async () =>
        {
            c = await Case(db, id);
            tasks = await Tasks(db, id).ListAsync(ct);
            notices = await OpenNotices(db, id).ListAsync(ct);
            clocks = await Clocks(db, id).ListAsync(ct);
            _ = locking
                ? await db.Signals.FromSqlRaw(CaseLadderSignalsForUpdate, id.Value).ToListAsync(ct)
                : await CaseLadderSignals(db, id.Value).ListAsync(ct);
        }, ct);
        return (c, tasks, notices, clocks);
    }

    /// <summary>
    /// PostgreSQL: a case's ladder signals (not its deemed actions), locked until the step's transaction ends, parameter
    /// <c>{0}</c> the case id. Read with the step's working set, so the re-plan of the clocks the step touched needs no read
    /// of its own; the sweep's batch skips locked rows, so no signal the step re-plans or deletes fires under it.
    /// </summary>
    public const string CaseLadderSignalsForUpdate =
        "SELECT * FROM onestop.supervision_signals WHERE case_id = {0} AND level <> 'Action' FOR UPDATE";

    /// <summary>A case's ladder signals (not its deemed actions), tracked.</summary>
    public readonly Func<OneStopDbContext, Guid, IAsyncEnumerable<SignalRow>> CaseLadderSignals =
        EF.CompileAsyncQuery((OneStopDbContext db, Guid caseId) => db.Signals.Where(s => s.CaseId == caseId && s.Level != SignalLevel.Action));

    /// <summary>A task by id, untracked (a command's authorization check before its step).</summary>
    public readonly Func<OneStopDbContext, TaskId, Task<ApprovalTask?>> TaskById =
        EF.CompileAsyncQuery((OneStopDbContext db, TaskId id) => db.Tasks.AsNoTracking().FirstOrDefault(t => t.Id == id));

    /// <summary>A task by id, tracked (a command that changes it in its own unit of work).</summary>
    public readonly Func<OneStopDbContext, TaskId, Task<ApprovalTask?>> TrackedTaskById =
        EF.CompileAsyncQuery((OneStopDbContext db, TaskId id) => db.Tasks.FirstOrDefault(t => t.Id == id));

    /// <summary>
    /// PostgreSQL: <see cref="LadderSignals"/> locked until the step's transaction ends, parameter <c>{0}</c> the clock ids.
    /// The sweep's batch skips locked rows, so no signal the step re-plans or deletes fires under it (a row the sweep
    /// holds is waited for and read as fired).
    /// </summary>
    public const string LadderSignalsForUpdate =
        "SELECT * FROM onestop.supervision_signals WHERE clock_id = ANY({0}) AND level <> 'Action' FOR UPDATE";

    /// <summary>The ladder's signals (not the deemed actions) of the given clocks, tracked.</summary>
    public readonly Func<OneStopDbContext, List<ClockId?>, IAsyncEnumerable<SignalRow>> LadderSignals =
        EF.CompileAsyncQuery((OneStopDbContext db, List<ClockId?> clocks) =>
            db.Signals.Where(s => clocks.Contains(s.ClockId) && s.Level != SignalLevel.Action));

}

/// <summary>Drains a compiled sequence query into a list.</summary>
public static class AsyncRows
{
    public static async Task<List<T>> ListAsync<T>(this IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(ct))
        {
            list.Add(row);
        }

        return list;
    }
}

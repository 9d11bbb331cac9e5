using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Instances;

/// <summary>Issue 11: one instance for the Studio's viewer, in Elsa's shape with its state (designers, supervisors, administrators).</summary>
public sealed class GetStudioInstance(IWorkflowInstanceStore store, OneStopDbContext db)
{
    public sealed record Query(string InstanceId);

    public async Task<Result<StudioInstance>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        return await new StudioInstanceReader(store, db).ReadAsync(query.InstanceId, ct) is { } view
            ? new StudioInstance(view.Summary, view.Bookmarks, view.Incidents)
            : HostRefusals.From(HostError.InstanceNotFound);
    }
}

/// <summary>Issue 11: what the Studio polls while an instance runs — its status and last update (one row by primary key).</summary>
public sealed class GetStudioExecutionState(OneStopDbContext db)
{
    public sealed record Query(string InstanceId);

    public async Task<Result<StudioExecutionState>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (!WorkflowInstanceId.TryParse(query.InstanceId, out var id)
            || await db.Instances.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Status, r.UpdatedAt }).FirstOrDefaultAsync(ct) is not { } row)
        {
            return HostRefusals.From(HostError.InstanceNotFound);
        }

        var (status, sub) = StudioStatuses.Of(row.Status);
        return new StudioExecutionState(status, sub, StudioStatuses.Text(row.UpdatedAt));
    }
}

/// <summary>
/// Issue 11: an instance's journal, oldest first, filtered as the Studio asks (activity ids, node ids, excluded activity types, event
/// names; an empty or missing list does not filter) and paged by <c>skip</c> / <c>take</c>.
/// </summary>
public sealed class GetStudioJournal(IWorkflowInstanceStore store, OneStopDbContext db)
{
    /// <summary>The most entries one read returns.</summary>
    public const int MaxTake = Page.MaxSize;

    /// <summary>The entries a read returns when it names no <c>take</c>.</summary>
    public const int DefaultTake = 100;

    public sealed record Filter(IReadOnlyList<string>? ActivityIds, IReadOnlyList<string>? ActivityNodeIds, IReadOnlyList<string>? ExcludedActivityTypes, IReadOnlyList<string>? EventNames);

    public sealed record Query(string InstanceId, Filter? Filter, int Skip, int Take);

    /// <summary>A page of records and how many match in all.</summary>
    public sealed record Response(IReadOnlyList<StudioJournalRecord> Items, int TotalCount);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (query.Skip < 0)
        {
            return Refusal.Invalid("skip", "A whole number from 0.");
        }

        if (query.Take is < 1 or > MaxTake)
        {
            return Refusal.Invalid("take", $"A whole number from 1 to {MaxTake}.");
        }

        if (await new StudioInstanceReader(store, db).ReadAsync(query.InstanceId, ct) is not { } view)
        {
            return HostRefusals.From(HostError.InstanceNotFound);
        }

        IEnumerable<StudioJournalRecord> records = view.Journal;
        if (query.Filter is { } f)
        {
            records = Keep(records, f.ActivityIds, r => r.ActivityId);
            records = Keep(records, f.ActivityNodeIds, r => r.NodeId);
            records = Keep(records, f.EventNames, r => r.EventName);
            if (f.ExcludedActivityTypes is { Count: > 0 } excluded)
            {
                var set = excluded.ToHashSet(StringComparer.Ordinal);
                records = records.Where(r => !set.Contains(r.ActivityType));
            }
        }

        var matching = records.ToList();
        return new Response([.. matching.Skip(query.Skip).Take(query.Take)], matching.Count);
    }

    private static IEnumerable<StudioJournalRecord> Keep(IEnumerable<StudioJournalRecord> records, IReadOnlyList<string>? values, Func<StudioJournalRecord, string> key)
    {
        if (values is not { Count: > 0 })
        {
            return records;
        }

        var set = values.ToHashSet(StringComparer.Ordinal);
        return records.Where(r => set.Contains(key(r)));
    }
}

/// <summary>
/// Issue 11: an instance's activity executions (made from its journal, <see cref="StudioActivityExecution"/>), in start order, of one node
/// when asked; <see cref="Completed"/> keeps only those that are (or are not) over.
/// </summary>
public sealed class ListActivityExecutions(IWorkflowInstanceStore store, OneStopDbContext db)
{
    public sealed record Query(string InstanceId, string? ActivityNodeId, bool? Completed);

    public async Task<Result<IReadOnlyList<StudioActivityExecution>>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (await new StudioInstanceReader(store, db).ReadAsync(query.InstanceId, ct) is not { } view)
        {
            return HostRefusals.From(HostError.InstanceNotFound);
        }

        return view.Executions.Where(e => (query.ActivityNodeId is null || e.ActivityNodeId == query.ActivityNodeId)
            && (query.Completed is null || (e.CompletedAt is not null) == query.Completed)).ToList();
    }
}

/// <summary>
/// Issue 11: one activity execution by the id the Studio got from a list, a summary, a bookmark or a journal record
/// (<c>{instanceId}:{sequence}</c>); an id this server never gave is not found, as in Elsa.
/// </summary>
public sealed class FindActivityExecution(IWorkflowInstanceStore store, OneStopDbContext db)
{
    public sealed record Query(string Id);

    public async Task<Result<StudioActivityExecution>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (string.IsNullOrWhiteSpace(query.Id))
        {
            return Refusal.Invalid("id", "The activity execution ID is required.");
        }

        return StudioInstanceReader.InstanceOf(query.Id) is { } instanceId
            && await new StudioInstanceReader(store, db).ReadAsync(instanceId, ct) is { } view
            && view.ById.TryGetValue(query.Id, out var execution)
            ? execution
            : Refusal.NotFound("No activity execution has that id.");
    }
}

/// <summary>
/// Issue 11: the badges on the Studio's canvas — per node of the instance's flowchart that ran: how often it started and completed, how
/// many executions are not over, whether it waits on a bookmark (blocked) and whether one faulted. Nodes that never ran are left out, as in Elsa.
/// </summary>
public sealed class GetActivityExecutionReport(IWorkflowInstanceStore store, OneStopDbContext db)
{
    /// <summary>The most node ids one report may name.</summary>
    public const int MaxNodeIds = 500;

    public sealed record Query(string InstanceId, IReadOnlyList<string> ActivityNodeIds);

    public async Task<Result<IReadOnlyList<StudioActivityStats>>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.Readers(actor) is { } forbidden)
        {
            return forbidden;
        }

        if (query.ActivityNodeIds.Count > MaxNodeIds)
        {
            return Refusal.Invalid("activityNodeIds", $"At most {MaxNodeIds} node ids.");
        }

        if (await new StudioInstanceReader(store, db).ReadAsync(query.InstanceId, ct) is not { } view)
        {
            return HostRefusals.From(HostError.InstanceNotFound);
        }

        var asked = query.ActivityNodeIds.ToHashSet(StringComparer.Ordinal);
        return view.Executions.Where(e => asked.Contains(e.ActivityNodeId)).GroupBy(e => e.ActivityNodeId).Select(g =>
        {
            var started = g.LongCount();
            var completed = g.LongCount(e => e.CompletedAt is not null);
            return new StudioActivityStats(g.First().ActivityId, g.Key, started, completed, started - completed, g.Any(e => e.HasBookmarks),
                g.Any(e => e.Status == StudioActivityStatus.Faulted));
        }).ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Instances;

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

using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Instances;

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

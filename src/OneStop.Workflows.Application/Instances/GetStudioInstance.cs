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

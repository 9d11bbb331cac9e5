using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Instances;

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

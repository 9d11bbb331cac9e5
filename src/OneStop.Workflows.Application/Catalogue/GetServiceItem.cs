using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>One service item by its code, with its effective ladder settings and any disagreement with its flow (any member of staff).</summary>
public sealed class GetServiceItem(OneStopDbContext db, LadderSettings centre, IWorkflowDefinitionStore definitions, ActivityCatalogue catalogue)
{
    public sealed record Query(string Code);

    public async Task<Result<ServiceItemResponse>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        var item = await db.ServiceItems.AsNoTracking().SingleOrDefaultAsync(i => i.Code == query.Code, ct);
        if (item is null)
        {
            return Refusal.NotFound($"No service item '{query.Code}'.");
        }

        return ServiceItemResponse.From(item, centre).With(await ItemFlowCheck.ProblemsAsync(item.Code, item.Data, db, definitions, catalogue, ct)); // issue 11 §4
    }
}

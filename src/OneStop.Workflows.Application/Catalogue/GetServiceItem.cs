using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>One service item by its code, with its effective ladder settings (any member of staff).</summary>
public sealed class GetServiceItem(OneStopDbContext db, LadderSettings centre)
{
    public sealed record Query(string Code);

    public async Task<Result<ServiceItemResponse>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        var item = await db.ServiceItems.AsNoTracking().SingleOrDefaultAsync(i => i.Code == query.Code, ct);
        return item is null ? Refusal.NotFound($"No service item '{query.Code}'.") : ServiceItemResponse.From(item, centre);
    }
}

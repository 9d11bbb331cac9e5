using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Catalogue;

/// <summary>The service catalogue (every item with all its fields), ordered by code (any member of staff).</summary>
public sealed class ListServiceItems(OneStopDbContext db, LadderSettings centre)
{
    public sealed record Query;

    public sealed record Response(IReadOnlyList<ServiceItemResponse> Items);

    public async Task<Result<Response>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        var items = await db.ServiceItems.AsNoTracking().OrderBy(i => i.Code).ToListAsync(ct);
        return new Response([.. items.Select(i => ServiceItemResponse.From(i, centre))]);
    }
}

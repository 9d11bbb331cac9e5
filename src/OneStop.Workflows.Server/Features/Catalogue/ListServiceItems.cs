using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Lists the service catalogue (every item with all its fields), ordered by code.</summary>
public static class ListServiceItems
{
    public sealed record Response(IReadOnlyList<ServiceItemResponse> Items);

    public static void MapListServiceItems(this RouteGroupBuilder api) =>
        api.MapGet("/service-items", HandleAsync)
            .WithName("ListServiceItems")
            .WithSummary("List the service items, ordered by code.")
            .RequireAuthorization(Policies.Staff);

    private static async Task<Ok<Response>> HandleAsync(IDbContextFactory<OneStopDbContext> factory, [FromServices] LadderSettings centre, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var items = await db.ServiceItems.AsNoTracking().OrderBy(i => i.Code).ToListAsync(ct);
        return TypedResults.Ok(new Response([.. items.Select(i => ServiceItemResponse.From(i, centre))]));
    }
}

using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Returns one service item by its code, with its effective ladder settings.</summary>
public static class GetServiceItem
{
    public static void MapGetServiceItem(this RouteGroupBuilder api) =>
        api.MapGet("/service-items/{code}", HandleAsync)
            .WithName("GetServiceItem")
            .WithSummary("Get a service item by code.")
            .Produces<ServiceItemResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Staff);

    private static async Task<IResult> HandleAsync(string code, IDbContextFactory<OneStopDbContext> factory, [FromServices] LadderSettings centre, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await db.ServiceItems.AsNoTracking().SingleOrDefaultAsync(i => i.Code == code, ct);
        return item is null ? Problems.NotFound($"No service item '{code}'.") : Results.Ok(ServiceItemResponse.From(item, centre));
    }
}

using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Route: one service item by its code (use case <see cref="GetServiceItem"/>).</summary>
public static class GetServiceItemEndpoints
{
    public static void MapGetServiceItem(this RouteGroupBuilder api) =>
        api.MapGet("/service-items/{code}", HandleAsync)
            .WithName("GetServiceItem")
            .WithSummary("Get a service item by code.")
            .Produces<ServiceItemResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Staff);

    private static async Task<IResult> HandleAsync(string code, HttpContext http, GetServiceItem get, CancellationToken ct) =>
        (await get.ExecuteAsync(new(code), CurrentUser.From(http.User)!, ct)).ToHttp();
}

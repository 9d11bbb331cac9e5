using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Route: the service catalogue, ordered by code, optionally only one lead department's items (use case <see cref="ListServiceItems"/>).</summary>
public static class ListServiceItemsEndpoints
{
    public static void MapListServiceItems(this RouteGroupBuilder api) =>
        api.MapGet("/service-items", HandleAsync)
            .WithName("ListServiceItems")
            .WithSummary("List the service items, ordered by code.")
            .RequireAuthorization(Policies.Staff)
            .Produces<ListServiceItems.Response>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> HandleAsync(HttpContext http, ListServiceItems list, string? leadDepartment, CancellationToken ct) =>
        (await list.ExecuteAsync(new(leadDepartment), CurrentUser.From(http.User)!, ct)).ToHttp();
}

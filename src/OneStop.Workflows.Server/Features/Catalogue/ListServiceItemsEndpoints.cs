using Microsoft.AspNetCore.Http.HttpResults;
using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Route: the service catalogue, ordered by code (use case <see cref="ListServiceItems"/>; it never refuses).</summary>
public static class ListServiceItemsEndpoints
{
    public static void MapListServiceItems(this RouteGroupBuilder api) =>
        api.MapGet("/service-items", HandleAsync)
            .WithName("ListServiceItems")
            .WithSummary("List the service items, ordered by code.")
            .RequireAuthorization(Policies.Staff);

    private static async Task<Ok<ListServiceItems.Response>> HandleAsync(HttpContext http, ListServiceItems list, CancellationToken ct) =>
        TypedResults.Ok((await list.ExecuteAsync(new(), CurrentUser.From(http.User)!, ct)).Value!);
}

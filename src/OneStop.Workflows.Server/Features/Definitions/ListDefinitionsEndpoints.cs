using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Definitions;

/// <summary>Route: every workflow definition with its latest and published version (use case <see cref="ListDefinitions"/>).</summary>
public static class ListDefinitionsEndpoints
{
    public static void MapListDefinitions(this RouteGroupBuilder api) =>
        api.MapGet("/workflow-definitions", HandleAsync)
            .WithName("ListDefinitions")
            .WithSummary("Every workflow definition: id, name, latest version, published version (null when none), updated at.")
            .Produces<ListDefinitions.Response>()
            .RequireAuthorization(Policies.Design);

    private static async Task<IResult> HandleAsync(HttpContext http, ListDefinitions list, CancellationToken ct) =>
        (await list.ExecuteAsync(new(), CurrentUser.From(http.User)!, ct)).ToHttp();
}

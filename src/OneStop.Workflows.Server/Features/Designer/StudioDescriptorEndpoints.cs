using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// The Studio's descriptor routes under <c>/elsa/api</c>: activities (from our catalogue, use case <see cref="GetDesignerCatalogue"/>),
/// expression types, and the lists this server has nothing for (answered empty, as the Studio needs an answer to load).
/// </summary>
public static class StudioDescriptorEndpoints
{
    /// <summary>The descriptor lists answered empty: activation, log persistence, incident and commit strategies, storage drivers, variable types; and the installed features (none: the Studio then polls instead of using SignalR).</summary>
    public static readonly string[] EmptyLists =
    [
        "/descriptors/workflow-activation-strategies", "/descriptors/log-persistence-strategies", "/descriptors/incident-strategies",
        "/descriptors/commit-strategies/workflows", "/descriptors/commit-strategies/activities", "/descriptors/storage-drivers",
        "/descriptors/variables", "/features/installed",
    ];

    public static void MapStudioDescriptors(this RouteGroupBuilder elsa)
    {
        elsa.MapGet("/descriptors/activities", ActivitiesAsync).WithSummary("The activity catalogue as Elsa activity descriptors ({items, count}).");
        elsa.MapGet("/descriptors/expression-descriptors", () => Results.Json(ActivityDescriptorShapes.ExpressionDescriptors()))
            .WithSummary("Expression types: Literal, Object and a hidden JavaScript entry.");
        foreach (var path in EmptyLists)
        {
            elsa.MapGet(path, () => Results.Json(ActivityDescriptorShapes.Empty())).WithSummary("An empty list ({items: [], count: 0}).");
        }
    }

    private static async Task<IResult> ActivitiesAsync(HttpContext http, GetDesignerCatalogue catalogue, CancellationToken ct) =>
        (await catalogue.ExecuteAsync(new(), CurrentUser.From(http.User)!, ct)).ToHttp(c => Results.Json(ActivityDescriptorShapes.List(c)));
}

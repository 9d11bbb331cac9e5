using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Definitions;

/// <summary>Returns a definition as Elsa JSON: the latest version, or <c>?version=N</c>.</summary>
public static class GetDefinition
{
    public static void MapGetDefinition(this RouteGroupBuilder api) =>
        api.MapGet("/workflow-definitions/{definitionId}", HandleAsync)
            .WithName("GetDefinition")
            .WithSummary("Get the latest version of a definition, or ?version=N.")
            .Produces<object>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Design);

    private static async Task<IResult> HandleAsync(string definitionId, int? version, IWorkflowDefinitionStore store, CancellationToken ct)
    {
        var definition = version is { } v ? await store.FindVersionAsync(definitionId, v, ct) : await store.FindLatestAsync(definitionId, ct);
        return definition is null
            ? Problems.NotFound(version is null ? $"No definition '{definitionId}'." : $"Definition '{definitionId}' has no version {version}.")
            : Results.Json(ToModel(definition));
    }

    /// <summary>The stored model JSON with the row's current flags (another version's publish may have changed them).</summary>
    public static JsonObject ToModel(StoredDefinition definition)
    {
        var model = JsonNode.Parse(definition.Json)!.AsObject();
        model["id"] = definition.Id;
        model["definitionId"] = definition.DefinitionId;
        model["version"] = definition.Version;
        model["isLatest"] = definition.IsLatest;
        model["isPublished"] = definition.IsPublished;
        model["createdAt"] = definition.CreatedAt.ToString();
        return model;
    }
}

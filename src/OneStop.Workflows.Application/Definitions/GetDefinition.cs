using System.Text.Json.Nodes;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>A definition as Elsa JSON: the latest version, or a given version (designers, administrators).</summary>
public sealed class GetDefinition(IWorkflowDefinitionStore store)
{
    public sealed record Query(string DefinitionId, int? Version);

    public async Task<Result<JsonObject>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        if (DefinitionRules.DesignersOnly(actor) is { } forbidden)
        {
            return forbidden;
        }

        var (definitionId, version) = query;
        var definition = version is { } v ? await store.FindVersionAsync(definitionId, v, ct) : await store.FindLatestAsync(definitionId, ct);
        return definition is null
            ? Refusal.NotFound(version is null ? $"No definition '{definitionId}'." : $"Definition '{definitionId}' has no version {version}.")
            : ToModel(definition);
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

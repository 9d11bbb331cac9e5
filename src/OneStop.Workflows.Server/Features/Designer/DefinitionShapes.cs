using System.Text.Json.Nodes;
using OneStop.Workflows.Application.Definitions;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// Definitions in the shapes the Studio reads: every definition carries <c>isLatest</c> and <c>links</c> (with <c>publish</c> for
/// those who may edit — without it the editor turns read-only), <c>isReadonly</c>, and never a null collection; the paged list has
/// page-level links (<c>bulk-publish</c>, without which "Create workflow" is disabled) and a row's own links.
/// </summary>
public static class DefinitionShapes
{
    private const string Api = "/elsa/api";

    /// <summary>A full definition version (the editor's read).</summary>
    public static JsonObject Definition(FindDefinitionVersion.Response found)
    {
        var model = found.Model;
        var definitionId = model["definitionId"]?.GetValue<string>() ?? "";
        EnsureArray(model, "variables");
        EnsureArray(model, "inputs");
        EnsureArray(model, "outputs");
        EnsureArray(model, "outcomes");
        EnsureObject(model, "customProperties");
        EnsureObject(model, "options");
        if (model["root"] is JsonObject root)
        {
            EnsureArray(root, "activities");
            EnsureArray(root, "connections");
            EnsureObject(root, "metadata");
            EnsureObject(root, "customProperties");
        }

        model["isReadonly"] = !found.Editable;
        model["isSystem"] = false;
        model["links"] = DefinitionLinks(definitionId, found.Editable);
        return model;
    }

    /// <summary>A page of the list: <c>{items, totalCount, links}</c>.</summary>
    public static JsonObject List(Application.Page<ListDefinitionVersions.VersionSummary> page, bool editable)
    {
        var links = new JsonArray();
        if (editable)
        {
            foreach (var action in new[] { "publish", "retract", "delete" })
            {
                links.Add(Link($"bulk-{action}", $"{Api}/bulk-actions/{action}/workflow-definitions/by-definition-ids", "POST"));
            }
        }

        return new JsonObject
        {
            ["items"] = new JsonArray([.. page.Items.Select(s => (JsonNode)Summary(s, editable))]),
            ["totalCount"] = page.TotalCount,
            ["links"] = links,
        };
    }

    private static JsonObject Summary(ListDefinitionVersions.VersionSummary s, bool editable) => new()
    {
        ["id"] = s.Id,
        ["definitionId"] = s.DefinitionId,
        ["name"] = s.Name,
        ["description"] = s.Description,
        ["version"] = s.Version,
        ["toolVersion"] = s.ToolVersion,
        ["isLatest"] = s.IsLatest,
        ["isPublished"] = s.IsPublished,
        ["isReadonly"] = !editable,
        ["isSystem"] = false,
        ["providerName"] = "OneStop",
        ["materializerName"] = "Json",
        ["createdAt"] = s.CreatedAt,
        ["links"] = DefinitionLinks(s.DefinitionId, editable),
    };

    private static JsonArray DefinitionLinks(string definitionId, bool editable)
    {
        var self = $"{Api}/workflow-definitions/by-definition-id/{Uri.EscapeDataString(definitionId)}";
        var links = new JsonArray(Link("self", self, "GET"));
        if (editable)
        {
            var id = Uri.EscapeDataString(definitionId);
            links.Add(Link("publish", $"{Api}/workflow-definitions/{id}/publish", "POST"));
            links.Add(Link("retract", $"{Api}/workflow-definitions/{id}/retract", "POST"));
            links.Add(Link("delete", $"{Api}/workflow-definitions/{id}", "DELETE"));
        }

        return links;
    }

    private static JsonObject Link(string rel, string href, string method) => new() { ["rel"] = rel, ["href"] = href, ["method"] = method };

    private static void EnsureArray(JsonObject parent, string name)
    {
        if (parent[name] is not JsonArray)
        {
            parent[name] = new JsonArray();
        }
    }

    private static void EnsureObject(JsonObject parent, string name)
    {
        if (parent[name] is not JsonObject)
        {
            parent[name] = new JsonObject();
        }
    }
}

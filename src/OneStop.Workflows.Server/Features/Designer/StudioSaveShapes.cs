using System.Text.Json.Nodes;
using OneStop.Workflows.Application.Definitions;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// Issue 11: the Studio's save body <c>{model, publish}</c> read strictly (each wrong part a 400 naming it), and the answer
/// <c>{workflowDefinition, alreadyPublished, consumingWorkflowCount}</c> with the definition in the read's shape
/// (<see cref="DefinitionShapes.Definition"/>: <c>isLatest</c>, <c>links</c> with publish, so the editor stays editable).
/// </summary>
public static class StudioSaveShapes
{
    /// <summary>The model and the publish flag, or the problems (JSON path → messages).</summary>
    public static (SaveStudioDefinition.Command? Command, Dictionary<string, string[]> Errors) Read(JsonNode? body)
    {
        var errors = new Dictionary<string, string[]>();
        if (body is not JsonObject request)
        {
            errors["$"] = ["The body must be a JSON object {model, publish}."];
            return (null, errors);
        }

        var publish = false;
        switch (request["publish"])
        {
            case null:
                break;
            case JsonValue value when value.TryGetValue<bool>(out var flag):
                publish = flag;
                break;
            default:
                errors["$.publish"] = ["'publish' must be true, false or null."];
                break;
        }

        if (request["model"] is not JsonObject model)
        {
            errors["$.model"] = ["'model' must be the workflow definition (a JSON object)."];
            return (null, errors);
        }

        if (model["root"] is not null and not JsonObject)
        {
            errors["$.model.root"] = ["'root' must be a flowchart (a JSON object)."];
        }

        return errors.Count > 0 ? (null, errors) : (new SaveStudioDefinition.Command(model, publish), errors);
    }

    /// <summary>The save's answer.</summary>
    public static JsonObject Saved(SaveStudioDefinition.Response saved) => new()
    {
        ["workflowDefinition"] = DefinitionShapes.Definition(saved.Definition),
        ["alreadyPublished"] = saved.AlreadyPublished,
        ["consumingWorkflowCount"] = 0,
    };
}

using System.Text.Json.Nodes;
using OneStop.Workflows.Application.Definitions;
using OneStop.Workflows.Engine.Activities;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>
/// Our activity catalogue in the shape of Elsa's activity descriptors (the Studio's toolbox and property panels): ports of type
/// <c>Flow</c>, inputs wrapped and browsable with their order, empty outputs and properties, and dropdowns as
/// <c>uiSpecifications.dropdown.selectList</c> — a choice input's options, and the reviewing departments for a review's
/// <c>Department</c> (with a blank choice where the department is optional).
/// </summary>
public static class ActivityDescriptorShapes
{
    /// <summary>The input whose dropdown lists the reviewing departments.</summary>
    public const string DepartmentInput = "Department";

    public static JsonObject List(GetDesignerCatalogue.Response catalogue)
    {
        var items = new JsonArray([.. catalogue.Activities.Select(d => (JsonNode)Activity(d, catalogue.Departments))]);
        return new JsonObject { ["items"] = items, ["count"] = items.Count };
    }

    public static JsonObject Activity(ActivityDescriptor d, IReadOnlyList<GetDesignerCatalogue.ReviewingDepartment> departments) => new()
    {
        ["typeName"] = d.TypeName,
        ["name"] = d.Name,
        ["namespace"] = d.Namespace,
        ["category"] = d.Category,
        ["version"] = d.Version,
        ["displayName"] = d.DisplayName,
        ["description"] = d.Description,
        ["kind"] = d.Kind.ToString(),
        ["runAsynchronously"] = false,
        ["isBrowsable"] = d.IsBrowsable,
        ["isContainer"] = d.IsContainer,
        ["isStart"] = d.IsStart,
        ["isTerminal"] = d.IsTerminal,
        ["ports"] = new JsonArray([.. d.Ports.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name, ["displayName"] = p.DisplayName, ["type"] = "Flow", ["isBrowsable"] = true,
        })]),
        ["inputs"] = new JsonArray([.. d.Inputs.Select((input, order) => (JsonNode)Input(input, order, departments))]),
        ["outputs"] = new JsonArray(),
        ["customProperties"] = new JsonObject(),
        ["constructionProperties"] = new JsonObject(),
    };

    private static JsonObject Input(InputDescriptor input, int order, IReadOnlyList<GetDesignerCatalogue.ReviewingDepartment> departments)
    {
        var shape = new JsonObject
        {
            ["name"] = input.Name,
            ["typeName"] = input.TypeName,
            ["displayName"] = input.DisplayName,
            ["description"] = input.Description,
            ["order"] = order,
            ["uiHint"] = input.UiHint,
            ["isWrapped"] = true,
            ["isBrowsable"] = true,
            ["isSerializable"] = true,
            ["isSynthetic"] = false,
            ["isReadOnly"] = false,
            ["isSensitive"] = false,
            ["defaultValue"] = input.DefaultValue,
            ["defaultSyntax"] = input.DefaultSyntax,
        };
        if (Choices(input, departments) is { } choices)
        {
            shape["uiSpecifications"] = new JsonObject
            {
                ["dropdown"] = new JsonObject
                {
                    ["selectList"] = new JsonObject
                    {
                        ["items"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject { ["text"] = c.Text, ["value"] = c.Value })]),
                        ["isFlagsEnum"] = false,
                    },
                },
            };
        }

        return shape;
    }

    private static List<(string Text, string Value)>? Choices(InputDescriptor input, IReadOnlyList<GetDesignerCatalogue.ReviewingDepartment> departments)
    {
        if (input.Options.Count > 0)
        {
            return [.. input.Options.Select(o => (o, o))];
        }

        if (input.Name != DepartmentInput || input.UiHint != "dropdown")
        {
            return null;
        }

        var list = departments.Select(d => (Text: $"{d.ChineseName} {d.EnglishName}".Trim(), Value: d.Code)).ToList();
        if (!input.IsRequired)
        {
            list.Insert(0, ("", ""));
        }

        return list;
    }

    /// <summary>
    /// The expression types the Studio may offer: Literal and Object, and a hidden JavaScript entry (the editor needs a type besides
    /// Literal/Object/Variable/Input; designs with JavaScript are not accepted by this server).
    /// </summary>
    public static JsonObject ExpressionDescriptors()
    {
        JsonObject Type(string type, string displayName, bool browsable) => new()
        {
            ["type"] = type, ["displayName"] = displayName, ["isSerializable"] = true, ["isBrowsable"] = browsable, ["properties"] = new JsonObject(),
        };
        var items = new JsonArray(Type("Literal", "Literal", true), Type("Object", "Object", true), Type("JavaScript", "JavaScript", false));
        return new JsonObject { ["items"] = items, ["count"] = items.Count };
    }

    /// <summary>An empty list (<c>{items: [], count: 0}</c>): the answer of each descriptor list this server has nothing for.</summary>
    public static JsonObject Empty() => new() { ["items"] = new JsonArray(), ["count"] = 0 };
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>Counts a flowchart's activities and connections against <see cref="DefinitionLimits"/> (two array lengths, nothing read).</summary>
internal static class DefinitionSize
{
    public static List<ValidationError> Check(JsonObject root, string rootPath, DefinitionLimits limits)
    {
        var errors = new List<ValidationError>();
        if (root["activities"] is JsonArray activities && activities.Count > limits.MaxActivities)
        {
            errors.Add(new(rootPath + ".activities", "definition.activities.tooMany",
                Message(activities.Count, limits.MaxActivities, "activities")));
        }

        if (root["connections"] is JsonArray connections && connections.Count > limits.MaxConnections)
        {
            errors.Add(new(rootPath + ".connections", "definition.connections.tooMany",
                Message(connections.Count, limits.MaxConnections, "connections")));
        }

        return errors;
    }

    private static string Message(int count, int max, string what) => string.Create(CultureInfo.InvariantCulture,
        $"流程图有 {count:N0} 个{(what == "activities" ? "活动" : "连线")}，一个流程定义最多 {max:N0} 个；未再继续读取：请拆分流程，或向运维人员询问上限。 The flowchart has {count:N0} {what}; a definition may have at most {max:N0}. Nothing was read further: split the flow, or ask the operator about the cap.");
}

using System.Text.Json.Nodes;

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>Converts Elsa's obsolete flat connection form to the nested form the Studio saves.</summary>
internal static class ConnectionForms
{
    /// <summary>
    /// <c>{ source: "a", sourcePort: "Done", target: "b", targetPort: "In" }</c> becomes
    /// <c>{ source: { activity: "a", port: "Done" }, target: { activity: "b", port: "In" } }</c>; other properties stay.
    /// </summary>
    public static void ConvertFlatToNested(JsonObject connection)
    {
        var source = JsonValues.Text(connection["source"]);
        var target = JsonValues.Text(connection["target"]);
        var sourcePort = JsonValues.String(connection, "sourcePort") ?? Runtime.Ports.Done;
        var targetPort = JsonValues.String(connection, "targetPort") ?? Runtime.Ports.In;
        connection.Remove("sourcePort");
        connection.Remove("targetPort");
        connection["source"] = new JsonObject { ["activity"] = source, ["port"] = sourcePort };
        connection["target"] = new JsonObject { ["activity"] = target, ["port"] = targetPort };
    }
}

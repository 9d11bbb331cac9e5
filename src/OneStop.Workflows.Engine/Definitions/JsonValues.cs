using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>Tolerant readers for JSON values (the Studio sends numbers as strings and vice versa).</summary>
internal static class JsonValues
{
    public static string? String(JsonObject obj, string property) => Text(obj[property]);

    /// <summary>A string value as is; a number or boolean as its invariant text; null otherwise.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => null,
    };

    public static bool TryInt(JsonValue value, out int result)
    {
        result = 0;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.TryGetValue(out result),
            JsonValueKind.String => int.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out result),
            _ => false,
        };
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Activities;

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>Converts a wrapped input's expression value (always text in Elsa JSON) to the descriptor's type.</summary>
internal static class InputConverter
{
    public static bool TryConvert(InputDescriptor input, string? text, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            text = input.DefaultValue;
            if (string.IsNullOrWhiteSpace(text))
            {
                value = input.Type == InputType.String ? text : null;
                return true;
            }
        }

        switch (input.Type)
        {
            case InputType.String:
                value = text;
                return true;
            case InputType.Int32 when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number):
                value = number;
                return true;
            case InputType.Boolean when bool.TryParse(text, out var flag):
                value = flag;
                return true;
            case InputType.StringArray:
                return TryStringArray(text!, out value, out problem);
            case InputType.Choice:
                value = input.Options.FirstOrDefault(o => string.Equals(o, text, StringComparison.OrdinalIgnoreCase));
                problem = value is null ? $"'{text}' is not one of: {string.Join(", ", input.Options)}." : null;
                return value is not null;
            case InputType.Json:
                return TryJson(text!, out value, out problem);
            default:
                problem = $"'{text}' is not a valid {input.TypeName}.";
                return false;
        }
    }

    private static bool TryStringArray(string text, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('['))
        {
            value = trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return true;
        }

        try
        {
            if (JsonNode.Parse(trimmed) is JsonArray array && array.All(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String))
            {
                value = array.Select(n => n!.GetValue<string>()).ToArray();
                return true;
            }
        }
        catch (JsonException)
        {
            // Falls through to the problem below: the value is reported, not thrown.
        }

        problem = "Expected a JSON array of strings, e.g. [\"A\",\"B\"].";
        return false;
    }

    private static bool TryJson(string text, out object? value, out string? problem)
    {
        value = null;
        problem = null;
        try
        {
            value = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException ex)
        {
            problem = $"Not valid JSON: {ex.Message}";
            return false;
        }
    }
}

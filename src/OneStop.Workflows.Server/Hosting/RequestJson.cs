using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>
/// Reads request bodies ourselves so that bad input gets a precise 400 ProblemDetails naming the JSON field: every body first
/// meets <see cref="JsonBodyRules"/> (no null array elements, clean text, caps), then becomes the route's type.
/// </summary>
public static partial class RequestJson
{
    public static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return await reader.ReadToEndAsync(ct);
    }

    private static readonly JsonSerializerOptions TypedOptions = CreateTypedOptions();

    /// <summary>The body's text when it meets <see cref="JsonBodyRules"/> for <paramref name="kind"/>, or a 400 problem naming each field.</summary>
    public static async Task<(string? Text, IResult? Problem)> ReadCheckedTextAsync(HttpRequest request, BodyKind kind, CancellationToken ct)
    {
        var text = await ReadTextAsync(request, ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, Problems.BadRequest("The request body is empty; a JSON object is expected."));
        }

        return JsonBodyRules.Check(text, kind, out var malformed) is { } errors ? (null, Problems.Validation(errors))
            : malformed is not null ? (null, Problems.BadRequest(malformed))
            : (text, null);
    }

    /// <summary>The body as <typeparamref name="T"/> (camelCase, enums as strings), or a 400 problem naming what is wrong and where.</summary>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        var (text, problem) = await ReadCheckedTextAsync(request, BodyKind.Command, ct);
        if (text is null)
        {
            return (null, problem);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, TypedOptions) is { } body
                ? (body, null)
                : (null, Problems.BadRequest("The request body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            var field = Field(ex.Path);
            return (null, Problems.Validation(new Dictionary<string, string[]> { [field] = [$"Expected {Expected(typeof(T), ex.Path)}."] }));
        }
    }

    /// <summary>The body as a JSON object, or a 400 problem saying what is wrong with it.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var (text, problem) = await ReadCheckedTextAsync(request, BodyKind.Command, ct);
        if (text is null)
        {
            return (null, problem);
        }

        return JsonNode.Parse(text) is JsonObject body
            ? (body, null)
            : (null, Problems.BadRequest("The request body must be a JSON object."));
    }

    /// <summary>A System.Text.Json path (<c>$.applicant.idNumber</c>, <c>$.materials[0]</c>) as our field names (<c>applicant.idNumber</c>); the root is "body".</summary>
    public static string Field(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return QuotedSegment().Replace(field, m => "." + m.Groups[1].Value).TrimStart('.');
    }

    /// <summary>What the value at <paramref name="path"/> of a <paramref name="root"/> body should be, in words (never a .NET type name).</summary>
    private static string Expected(Type root, string? path)
    {
        var type = root;
        foreach (Match segment in Segment().Matches(path ?? ""))
        {
            var info = TypedOptions.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
            if (segment.Groups["index"].Success)
            {
                type = info.ElementType ?? typeof(object);
            }
            else
            {
                var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value;
                var property = info.Kind == JsonTypeInfoKind.Object ? info.Properties.FirstOrDefault(p => p.Name == name) : null;
                if (property is null)
                {
                    return "a value of another type here";
                }

                type = property.PropertyType;
            }
        }

        return Describe(type);
    }

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
        {
            return $"a whole number from {(type == typeof(int) ? int.MinValue : type == typeof(long) ? long.MinValue : short.MinValue)} to {(type == typeof(int) ? int.MaxValue : type == typeof(long) ? long.MaxValue : short.MaxValue)}";
        }

        if (type == typeof(double) || type == typeof(decimal))
        {
            return "a number";
        }

        if (type.IsEnum)
        {
            return $"one of the names {string.Join(", ", Enum.GetNames(type))}";
        }

        if (type == typeof(JsonObject))
        {
            return "a JSON object";
        }

        return TypedOptions.GetTypeInfo(type).Kind switch
        {
            JsonTypeInfoKind.Enumerable => "an array",
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => "a JSON object",
            _ => "a value of another type",
        };
    }

    private static JsonSerializerOptions CreateTypedOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false) },
            UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,

            // A number is a JSON number: "12" for a whole number is the wrong type (the web defaults would accept it).
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    [GeneratedRegex(@"\['([^']*)'\]")]
    private static partial Regex QuotedSegment();

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Segment();
}

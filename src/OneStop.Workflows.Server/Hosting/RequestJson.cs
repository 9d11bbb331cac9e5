using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OneStop.Workflows.Server.Hosting;

/// <summary>Reads request bodies ourselves so that malformed JSON gets a precise 400 ProblemDetails.</summary>
public static class RequestJson
{
    public static async Task<string> ReadTextAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return await reader.ReadToEndAsync(ct);
    }

    private static readonly JsonSerializerOptions TypedOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>The body as <typeparamref name="T"/> (camelCase, enums as strings), or a 400 problem naming what is wrong.</summary>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class
    {
        var text = await ReadTextAsync(request, ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, Problems.BadRequest("The request body is empty; a JSON object is expected."));
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, TypedOptions) is { } body
                ? (body, null)
                : (null, Problems.BadRequest("The request body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            return (null, Problems.BadRequest($"The request body is not valid{where}: {ex.Message}"));
        }
    }

    /// <summary>The body as a JSON object, or a 400 problem saying what is wrong with it.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var text = await ReadTextAsync(request, ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, Problems.BadRequest("The request body is empty; a JSON object is expected."));
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject body
                ? (body, null)
                : (null, Problems.BadRequest("The request body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest($"The request body is not valid JSON: {ex.Message}"));
        }
    }
}

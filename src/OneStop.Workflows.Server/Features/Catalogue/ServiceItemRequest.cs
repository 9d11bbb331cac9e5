using System.Text.Json;
using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Catalogue;

/// <summary>Reads a <see cref="ServiceItemBody"/> from a request; shared by the create and update routes.</summary>
internal static class ServiceItemRequest
{
    /// <summary>The body, or a 400: not JSON / not an object (ProblemDetails), or a value of the wrong type (ValidationProblemDetails naming the field).</summary>
    public static async Task<(ServiceItemBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var (json, problem) = await RequestJson.ReadObjectAsync(request, ct);
        if (json is null)
        {
            return (null, problem);
        }

        try
        {
            return (json.Deserialize<ServiceItemBody>(ServiceItemInput.Options), null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            return (null, Problems.Validation(
                new Dictionary<string, string[]> { [field] = [$"The value of '{field}' is not valid here (enums are names such as \"WorkingDays\")."] }));
        }
    }

    /// <summary>"$.statutoryLimit.unit" → "statutoryLimit.unit"; "$" or unknown → "$".</summary>
    private static string FieldOf(string? path) =>
        path is { Length: > 2 } && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "$";
}

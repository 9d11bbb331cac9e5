using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using FluentAssertions;

namespace OneStop.Workflows.Testing.Http;

/// <summary>
/// The one shared way tests call a JSON route: send, check the status (the body is the failure's reason), answer the body
/// as a <see cref="JsonObject"/>.
/// </summary>
public static class HttpJson
{
    /// <summary>Checks that <paramref name="response"/> has status <paramref name="expected"/> and answers its JSON object body.</summary>
    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>GET <paramref name="url"/>; the body of the expected status.</summary>
    public static async Task<JsonObject> GetAsync(HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await ReadAsync(await client.GetAsync(url), expected);
    }

    /// <summary>POST <paramref name="body"/> as JSON (no body when null); the answer's body of the expected status.</summary>
    public static async Task<JsonObject> PostAsync(HttpClient client, string url, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await ReadAsync(body is null ? await client.PostAsync(url, null) : await client.PostAsJsonAsync(url, body), expected);
    }

    /// <summary>PUT <paramref name="body"/> as JSON; the answer's body of the expected status.</summary>
    public static async Task<JsonObject> PutAsync(HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await ReadAsync(await client.PutAsJsonAsync(url, body), expected);
    }

    /// <summary>The JSON object body of <paramref name="response"/> whatever its status (e.g. a refusal's ProblemDetails).</summary>
    public static async Task<JsonObject> BodyAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Checks that <paramref name="response"/> succeeded (2xx) and answers its JSON object body.</summary>
    public static async Task<JsonObject> ReadSuccessAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue("{0} {1}", (int)response.StatusCode, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Checks the status, as <see cref="ReadAsync"/>, and answers the body as any JSON value.</summary>
    public static async Task<JsonNode> ReadNodeAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Checks that the body is a ProblemDetails (<c>application/problem+json</c>) and answers it.</summary>
    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return await BodyAsync(response);
    }
}

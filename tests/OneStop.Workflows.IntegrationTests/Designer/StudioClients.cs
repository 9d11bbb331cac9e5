using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using OneStop.Workflows.Server.Features.Auth;

namespace OneStop.Workflows.IntegrationTests.Designer;

/// <summary>Clients as the Studio calls: signed in with the web UI's cookie (same origin), no redirects followed.</summary>
public static class StudioClients
{
    public static async Task<HttpClient> CookieClientAsync(this WebApplicationFactory<Program> server, string userName)
    {
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { userName, password = DemoUsers.Password });
        response.IsSuccessStatusCode.Should().BeTrue($"signing in {userName} with the cookie: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public static HttpClient AnonymousClient(this WebApplicationFactory<Program> server) =>
        server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The JSON paths (e.g. <c>$.items[0].inputs</c>) under <paramref name="node"/> where a collection or object is null.</summary>
    public static List<string> NullCollections(JsonNode? node, string path = "$")
    {
        string[] collections = ["variables", "inputs", "outputs", "outcomes", "customProperties", "options", "activities", "connections", "items", "ports",
            "links", "metadata", "constructionProperties", "properties", "root"];
        var found = new List<string>();
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (child is null && collections.Contains(name))
                    {
                        found.Add($"{path}.{name}");
                    }

                    found.AddRange(NullCollections(child, $"{path}.{name}"));
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    found.AddRange(NullCollections(array[i], $"{path}[{i}]"));
                }

                break;
        }

        return found;
    }

    /// <summary>Every property name under <paramref name="node"/> that does not start lower-case (the wire is camelCase).</summary>
    public static List<string> NotCamelCase(JsonNode? node, string path = "$")
    {
        var found = new List<string>();
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    // The model's activities carry free-form metadata and custom properties chosen by the Studio: only names are checked.
                    if (name.Length > 0 && char.IsUpper(name[0]))
                    {
                        found.Add($"{path}.{name}");
                    }

                    found.AddRange(NotCamelCase(child, $"{path}.{name}"));
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    found.AddRange(NotCamelCase(array[i], $"{path}[{i}]"));
                }

                break;
        }

        return found;
    }
}

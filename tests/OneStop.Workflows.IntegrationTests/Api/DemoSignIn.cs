using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using OneStop.Workflows.Server.Features.Auth;

namespace OneStop.Workflows.IntegrationTests.Api;

/// <summary>Signing in as a demo user on any in-memory test server.</summary>
public static class DemoSignIn
{
    /// <summary>A client carrying a bearer token of the demo user (password <see cref="DemoUsers.Password"/>).</summary>
    public static async Task<HttpClient> CreateClientAsAsync(this WebApplicationFactory<Program> server, string userName)
    {
        var client = server.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = DemoUsers.Password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            client.Dispose();
            throw new InvalidOperationException($"Signing in as '{userName}' failed: {(int)response.StatusCode} {body}");
        }

        var token = JsonNode.Parse(body)!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Staff;

/// <summary>Signing in with any password, and reading the audit trail, on an in-memory test server.</summary>
internal static class StaffClients
{
    /// <summary>The token answer for the user and password; fails the test unless it is 200.</summary>
    public static async Task<string> TokenAsync(WebApplicationFactory<Program> server, string userName, string password)
    {
        using var client = server.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!["accessToken"]!.GetValue<string>();
    }

    /// <summary>A client carrying a bearer token for the user and password.</summary>
    public static async Task<HttpClient> SignedInAsync(WebApplicationFactory<Program> server, string userName, string password) =>
        WithToken(server, await TokenAsync(server, userName, password));

    public static HttpClient WithToken(WebApplicationFactory<Program> server, string token)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The audit events about <paramref name="subject"/>, oldest first.</summary>
    public static async Task<List<AuditEvent>> AuditAsync(WebApplicationFactory<Program> server, string subject)
    {
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        return (await db.AuditEvents.AsNoTracking().Where(e => e.Subject == subject).ToListAsync()).OrderBy(e => e.Id).ToList();
    }
}

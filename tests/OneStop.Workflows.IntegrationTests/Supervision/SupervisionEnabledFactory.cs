using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Server.Features.Auth;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// The real server with <c>Supervision:Enabled=true</c>, i.e. with Hangfire (storage, server, recurring sweep and dashboard).
/// Only for tests of the Hangfire wiring itself: they never wait for a job to run.
/// </summary>
public sealed class SupervisionEnabledFactory(string provider, string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:OneStop", connectionString);
        builder.UseSetting("Workflows:Directory", RepositoryFolders.Workflows);
        builder.UseSetting("Supervision:Enabled", "true");
        builder.UseSetting("Supervision:SweepIntervalSeconds", "30");
    }

    /// <summary>A client carrying a bearer token of the demo user.</summary>
    public async Task<HttpClient> CreateClientAsAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = DemoUsers.Password });
        response.EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

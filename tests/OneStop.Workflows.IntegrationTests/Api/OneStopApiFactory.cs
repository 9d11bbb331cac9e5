using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using NodaTime.Testing;
using OneStop.Workflows.Server.Features.Auth;

namespace OneStop.Workflows.IntegrationTests.Api;

/// <summary>
/// The real server in memory, on the given database, with the shared fake clock and the repo's workflows/, plus any
/// extra <paramref name="settings"/> (e.g. <c>Supervision:YellowToRed:Count</c>).
/// <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/> is anonymous; <see cref="CreateClientAsAsync"/> signs in.
/// </summary>
public sealed class OneStopApiFactory(string provider, string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public FakeClock Clock { get; } = new(Instant.FromUtc(2025, 9, 26, 1, 0));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:OneStop", connectionString);
        builder.UseSetting("Workflows:Directory", RepositoryFolders.Workflows);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IClock>(Clock)));
    }

    /// <summary>A client carrying a bearer token of the demo user (password <see cref="DemoUsers.Password"/>).</summary>
    public async Task<HttpClient> CreateClientAsAsync(string userName)
    {
        var client = CreateClient();
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

/// <summary>Folders of the repository the tests run from.</summary>
public static class RepositoryFolders
{
    public static string Root { get; } = FindRoot();

    public static string Workflows => Path.Combine(Root, "workflows");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OneStop.Workflows.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (OneStop.Workflows.sln) was not found above " + AppContext.BaseDirectory);
    }
}

using System.Net;
using System.Net.Http.Json;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Server.Features.Staff;
using static OneStop.Workflows.IntegrationTests.Staff.StaffClients;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Staff;

/// <summary>
/// Issue 8, finding 10 (the part on account changes), on SQLite: with account standings kept for the production default
/// time, the node that disables a user or changes their role refuses the user's token and cookie on the very next request;
/// the cache time is a checked setting.
/// </summary>
public sealed class AccountCheck_Issue8Tests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-stamp-").FullName;
    private OneStopApiFactory _server = null!;

    public Task InitializeAsync()
    {
        _server = new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}",
            new Dictionary<string, string?> { [AccountStandings.CacheSecondsKey] = AccountStandings.MaxCacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WithStandingsCached_TheChangingNode_RefusesTheUsersTokenAndCookieAtOnce()
    {
        using var admin = await _server.CreateClientAsAsync("admin");
        using var reviewer = await _server.CreateClientAsAsync("reviewer.tax");
        using var browser = _server.CreateClient();
        (await browser.PostAsJsonAsync("/api/auth/sign-in", new { userName = "clerk.drc", password = DemoUsers.Password })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reviewer.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.OK, "the standing is now cached");
        (await browser.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.OK);

        await HttpJson.ReadAsync(await admin.PostAsync("/api/admin/users/reviewer.tax/disable", null), HttpStatusCode.OK);
        await HttpJson.ReadAsync(await admin.PutAsJsonAsync("/api/admin/users/clerk.drc/role", new { role = "DepartmentHead", department = "drc" }), HttpStatusCode.OK);

        var refused = await reviewer.GetAsync("/api/tasks");
        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await browser.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("31")]
    [InlineData("-1")]
    [InlineData("soon")]
    public async Task ABadCacheTime_StopsTheServer_NamingTheSetting(string value)
    {
        await using var server = new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "bad.db")}",
            new Dictionary<string, string?> { [AccountStandings.CacheSecondsKey] = value });

        var start = () => server.CreateClient();

        start.Should().Throw<Exception>().Where(e => Describe(e).Contains($"{AccountStandings.CacheSecondsKey}='{value}'"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string Describe(Exception e) => e.InnerException is null ? e.Message : e.Message + " → " + Describe(e.InnerException);
}

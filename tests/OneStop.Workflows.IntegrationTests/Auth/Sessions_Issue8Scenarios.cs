using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Auth;

/// <summary>
/// Issue 8, finding 10 (acceptance 5): sign-out ends the session on the server (a replayed cookie or token gets 401), and
/// refresh tokens rotate: each works once, and reusing one revokes its whole family.
/// </summary>
public abstract class Sessions_Issue8Scenarios : IAsyncLifetime
{
    private OneStopApiFactory _factory = null!;

    protected OneStopApiFactory Factory => _factory;

    protected abstract Task<OneStopApiFactory> CreateFactoryAsync();

    public async Task InitializeAsync() => _factory = await CreateFactoryAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task CookieReplay_Returns401_AfterSignOut()
    {
        // A client without a cookie jar: the test holds the cookie, as an attacker who copied it would.
        using var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var signIn = await browser.PostAsJsonAsync("/api/auth/sign-in", new { userName = "clerk.market", password = DemoUsers.Password });
        signIn.StatusCode.Should().Be(HttpStatusCode.OK);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthSetup.CookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        (await WithCookie(browser, HttpMethod.Get, "/api/auth/me", cookie)).StatusCode.Should().Be(HttpStatusCode.OK, "the cookie works while the session is open");

        (await WithCookie(browser, HttpMethod.Post, "/api/auth/sign-out", cookie)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var replayed = await WithCookie(browser, HttpMethod.Get, "/api/auth/me", cookie);
        replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the session ended on the server, whatever the cookie says");
        replayed.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        await using var db = await Db();
        var session = await db.StaffSessions.AsNoTracking().SingleAsync(s => s.UserName == "clerk.market" && s.Kind == StaffSessions.CookieKind);
        session.EndReason.Should().Be("signed-out");
        session.EndedAt.Should().NotBeNull();
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditActions.SignedOut && e.Actor == "clerk.market");
        audit.At.Should().Be(_factory.Clock.GetCurrentInstant(), "audit entries take the business clock");
    }

    [Fact]
    public async Task BearerToken_AndItsRefreshToken_AreRefused_AfterSignOut()
    {
        using var client = _factory.CreateClient();
        var token = await IssueAsync(client, "designer");
        var other = await IssueAsync(client, "designer");

        (await SignOutWith(client, Access(token))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await Me(client, Access(token))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Refresh(client, RefreshOf(token))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Me(client, Access(other))).StatusCode.Should().Be(HttpStatusCode.OK, "another sign-in of the same user is another session");
    }

    [Fact]
    public async Task RefreshToken_Rotates_AndItsReuseRevokesTheFamily()
    {
        using var client = _factory.CreateClient();
        var first = await IssueAsync(client, "head.fire");
        var bystander = await IssueAsync(client, "head.fire");

        var second = await HttpJson.ReadAsync(await Refresh(client, RefreshOf(first)), HttpStatusCode.OK);
        RefreshOf(second).Should().NotBe(RefreshOf(first));
        var third = await HttpJson.ReadAsync(await Refresh(client, RefreshOf(second)), HttpStatusCode.OK);
        (await Me(client, Access(third))).StatusCode.Should().Be(HttpStatusCode.OK);

        var reused = await Refresh(client, RefreshOf(first));

        reused.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a refresh token works once");
        reused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await Refresh(client, RefreshOf(third))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the newest token of the family is revoked too");
        foreach (var access in new[] { Access(first), Access(second), Access(third) })
        {
            (await Me(client, access)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "every access token of the family is revoked");
        }

        (await Me(client, Access(bystander))).StatusCode.Should().Be(HttpStatusCode.OK, "another sign-in is another family");
        (await Refresh(client, RefreshOf(bystander))).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = await Db();
        var reuse = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditActions.RefreshTokenReused);
        reuse.Subject.Should().Be("head.fire");
    }

    [Fact]
    public async Task RefreshToken_IsSingleUse_WhenPresentedTwiceAtOnce()
    {
        using var client = _factory.CreateClient();
        var token = await IssueAsync(client, "reviewer.police");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Refresh(client, RefreshOf(token))));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(1);
        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.OK || a.StatusCode == HttpStatusCode.Unauthorized);
        foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.OK))
        {
            (await Me(client, Access(await HttpJson.ReadAsync(answer, HttpStatusCode.OK)))).StatusCode.Should().Be(HttpStatusCode.Unauthorized,
                "the concurrent reuse revoked the family, including the token the winner got");
        }
    }

    private async Task<OneStopDbContext> Db() =>
        await _factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();

    protected static async Task<JsonObject> IssueAsync(HttpClient client, string userName) =>
        await HttpJson.ReadAsync(await client.PostAsJsonAsync("/api/auth/token", new { userName, password = DemoUsers.Password }), HttpStatusCode.OK);

    protected static string Access(JsonObject token) => token["accessToken"]!.GetValue<string>();

    protected static string RefreshOf(JsonObject token) => token["refreshToken"]!.GetValue<string>();

    protected static Task<HttpResponseMessage> Refresh(HttpClient client, string refreshToken) =>
        client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    protected static Task<HttpResponseMessage> Me(HttpClient client, string accessToken) => Send(client, HttpMethod.Get, "/api/auth/me", accessToken);

    protected static Task<HttpResponseMessage> SignOutWith(HttpClient client, string accessToken) => Send(client, HttpMethod.Post, "/api/auth/sign-out", accessToken);

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string accessToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> WithCookie(HttpClient client, HttpMethod method, string url, string cookie)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }
}

/// <summary>The session scenarios on PostgreSQL (production), a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessions_Issue8Tests(PostgresServerFixture postgres) : Sessions_Issue8Scenarios
{
    protected override async Task<OneStopApiFactory> CreateFactoryAsync() =>
        new("PostgreSql", await postgres.Server.CreateDatabaseAsync());

    [Fact]
    public async Task Session_EndedOnOneNode_IsRefusedByAnother()
    {
        await using var otherNode = new OneStopApiFactory("PostgreSql", Factory.ConnectionString);
        using var here = Factory.CreateClient();
        using var there = otherNode.CreateClient();
        var signOutThere = await IssueAsync(here, "supervisor");
        var reuseThere = await IssueAsync(here, "supervisor");
        (await Me(there, Access(signOutThere))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await SignOutWith(there, Access(signOutThere))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var rotated = await HttpJson.ReadAsync(await Refresh(here, RefreshOf(reuseThere)), HttpStatusCode.OK);
        (await Refresh(there, RefreshOf(reuseThere))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await Me(here, Access(signOutThere))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "signed out on the other node");
        (await Me(here, Access(rotated))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "its family was revoked on the other node");
    }
}

/// <summary>The session scenarios on the embedded default (SQLite file in a temp folder).</summary>
public sealed class SqliteSessions_Issue8Tests : Sessions_Issue8Scenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-sessions-").FullName;

    protected override Task<OneStopApiFactory> CreateFactoryAsync() =>
        Task.FromResult(new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

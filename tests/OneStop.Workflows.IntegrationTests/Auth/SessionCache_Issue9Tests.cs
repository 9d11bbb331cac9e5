using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Server.Hosting;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Auth;

/// <summary>
/// Issue 9 (one unit of work per request): a node keeps a live session for <c>Auth:AccountCheckSeconds</c> instead of
/// reading <c>staff_sessions</c> on every request. Ending a session still refuses it at once on the node that ended it,
/// and is announced to the other nodes (PostgreSQL <c>NOTIFY</c>), which forget it when they hear.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SessionCache_Issue9Tests(PostgresServerFixture postgres) : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> KeepSessions = new() { ["Auth:AccountCheckSeconds"] = "30" };

    private OneStopApiFactory _node = null!;

    public async Task InitializeAsync() => _node = new OneStopApiFactory("PostgreSql", await postgres.Server.CreateDatabaseAsync(), KeepSessions);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task KeptSession_IsRefusedAtOnce_AfterSignOutOnTheSameNode()
    {
        using var client = _node.CreateClient();
        var behindItsBack = await IssueAsync(client, "designer");
        var signedOut = await IssueAsync(client, "clerk.market");
        (await Me(client, Access(behindItsBack))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Me(client, Access(signedOut))).StatusCode.Should().Be(HttpStatusCode.OK);

        // Ended in the database without the node hearing of it: the kept session is still accepted (within the cache time).
        await using (var db = await Db(_node))
        {
            await db.StaffSessions.Where(s => s.UserName == "designer").ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, r => r.CreatedAt));
        }

        (await Me(client, Access(behindItsBack))).StatusCode.Should().Be(HttpStatusCode.OK, "the node keeps the live session, as it keeps account standings");

        (await SignOut(client, Access(signedOut))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await Me(client, Access(signedOut))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the node that ended the session forgets it at once");
    }

    [Fact]
    public async Task KeptSession_IsRefusedAtOnce_AfterItsRefreshTokenWasReused()
    {
        using var client = _node.CreateClient();
        var first = await IssueAsync(client, "reviewer.police");
        var rotated = await HttpJson.ReadAsync(await Refresh(client, RefreshOf(first)), HttpStatusCode.OK);
        (await Me(client, Access(rotated))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await Refresh(client, RefreshOf(first))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await Me(client, Access(rotated))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the reuse ended the session the node kept");
    }

    [Fact]
    public async Task SignOut_IsAnnouncedToTheOtherNodes_WhichForgetTheKeptSession()
    {
        await using var otherNode = new OneStopApiFactory("PostgreSql", _node.ConnectionString, KeepSessions);
        using var here = _node.CreateClient();
        using var there = otherNode.CreateClient();
        var token = await IssueAsync(here, "supervisor");
        (await Me(there, Access(token))).StatusCode.Should().Be(HttpStatusCode.OK, "the other node now keeps the live session");
        await using var listener = new NpgsqlConnection(_node.ConnectionString);
        await listener.OpenAsync();
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Notification += (_, e) => heard.TrySetResult(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {StaffSessions.EndedChannel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        (await SignOut(here, Access(token))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!heard.Task.IsCompleted)
        {
            await listener.WaitAsync(timeout.Token); // returns when a notification arrived
        }

        Guid ended;
        await using (var db = await Db(_node))
        {
            ended = await db.StaffSessions.Where(s => s.UserName == "supervisor" && s.EndedAt != null).Select(s => s.Id).SingleAsync();
        }

        (await heard.Task).Should().Be(ended.ToString(), "the ended session's id is announced after the commit");

        // What the other node's listener does with it (it also hears it; handing it over here as well keeps the test free of waiting).
        var handler = otherNode.Services.GetServices<INodeNotificationHandler>().Single(h => h.Channel == StaffSessions.EndedChannel);
        await handler.HandleAsync(await heard.Task, CancellationToken.None);
        (await Me(there, Access(token))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the other node forgot the kept session");
    }

    private static async Task<OneStopDbContext> Db(OneStopApiFactory node) =>
        await node.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();

    private static async Task<JsonObject> IssueAsync(HttpClient client, string userName) =>
        await HttpJson.ReadAsync(await client.PostAsJsonAsync("/api/auth/token", new { userName, password = DemoUsers.Password }), HttpStatusCode.OK);

    private static string Access(JsonObject token) => token["accessToken"]!.GetValue<string>();

    private static string RefreshOf(JsonObject token) => token["refreshToken"]!.GetValue<string>();

    private static Task<HttpResponseMessage> Refresh(HttpClient client, string refreshToken) =>
        client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken });

    private static Task<HttpResponseMessage> Me(HttpClient client, string accessToken) => Send(client, HttpMethod.Get, "/api/auth/me", accessToken);

    private static Task<HttpResponseMessage> SignOut(HttpClient client, string accessToken) => Send(client, HttpMethod.Post, "/api/auth/sign-out", accessToken);

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, string accessToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await client.SendAsync(request);
    }
}

using System.Net;
using System.Text;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.SimulatedTime;

/// <summary>Issue 10: <c>POST /api/admin/clock</c> with <c>to</c> (nextWorkingDay, nextDueSignal) over HTTP, on SQLite.</summary>
public sealed class ClockTargets_Issue10Tests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-clock-to-").FullName;
    private SimulatedClockFactory _server = null!;

    public Task InitializeAsync()
    {
        // Friday 2025-09-26: the next working day is the make-up working Sunday 09-28.
        _server = new SimulatedClockFactory($"Data Source={Path.Combine(_folder, "onestop.db")}", start: "2025-09-26T16:00:00+08:00");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task ToNextWorkingDay_MovesTheClock_ToNineOnTheMakeUpSunday_AndNextDueSignalWithNonePendingIs409()
    {
        var admin = await _server.CreateClientAsAsync("admin");

        var moved = await HttpJson.ReadNodeAsync(await Post(admin, """{"to":"nextWorkingDay"}"""), HttpStatusCode.OK);
        var refused = await HttpJson.ReadNodeAsync(await Post(admin, """{"to":"nextDueSignal"}"""), HttpStatusCode.Conflict);
        var bad = await HttpJson.ReadNodeAsync(await Post(admin, """{"now":"2025-10-08T14:30:00+08:00","to":"nextWorkingDay"}"""), HttpStatusCode.BadRequest);
        var clock = await HttpJson.ReadNodeAsync(await admin.GetAsync("/api/admin/clock"), HttpStatusCode.OK);

        moved["mode"]!.GetValue<string>().Should().Be("Simulated");
        moved["now"]!.GetValue<string>().Should().StartWith("2025-09-28T09:00:").And.EndWith("+08:00");
        moved["nowUtc"]!.GetValue<string>().Should().StartWith("2025-09-28T01:00:");
        refused["code"]!.GetValue<string>().Should().Be("clock.no-pending-signal");
        bad["errors"]!.AsObject().Select(e => e.Key).Should().Equal("to");
        clock["now"]!.GetValue<string>().Should().StartWith("2025-09-28T09:0");
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string body) =>
        client.PostAsync("/api/admin/clock", new StringContent(body, Encoding.UTF8, "application/json"));
}

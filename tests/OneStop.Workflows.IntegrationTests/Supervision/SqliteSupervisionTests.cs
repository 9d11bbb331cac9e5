using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.Server.Features.Supervision;
using OneStop.Workflows.Testing;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>The embedded default (SQLite): the sweep with its alerts, and every supervision route's query, on a small case.</summary>
public sealed class SqliteSupervisionTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-supervision-").FullName;
    private OneStopApiFactory _factory = null!;
    private CaseDriver _driver = null!;

    public Task InitializeAsync()
    {
        _factory = new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}");
        _driver = new CaseDriver(_factory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Supervision_OnSqlite_SweepsListsAcknowledgesAndCounts()
    {
        _factory.Clock.Reset(CentreTime.At("2025-09-26T09:00:00"));
        var id = await _driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        _factory.Clock.Reset(CentreTime.At("2025-10-10T10:00:00"));
        var review = (await _driver.TasksAsync(id, "Review")).Single()["id"]!.GetValue<string>();
        await HttpJson.ReadAsync(await (await _driver.As("reviewer.market")).PostAsync($"/api/tasks/{review}/claim", null), HttpStatusCode.OK);
        await _driver.DecideOkAsync("reviewer.market", review, "Approved");

        // Due before the decision: the step prompt (10-09 00:00: the assignee reviewer.market), the step yellow (the
        // assignee, head.market, supervisor) and the case prompt (10-10 00:00: clerk.market).
        _factory.Clock.Reset(CentreTime.At("2025-10-12T12:00:00"));
        var outcome = await _factory.Services.GetRequiredService<SupervisionSweep>().RunAsync(CancellationToken.None);
        outcome.Should().Be(new SweepOutcome(3, 5));
        (await GetAsync("reviewer.market", "/api/supervision/alerts"))["items"]!.AsArray().Select(a => a!["rule"]!.GetValue<string>())
            .Should().BeEquivalentTo(["step.prompt", "step.yellow"], "the review's assignee is told of its prompt and its yellow card");

        (await GetAsync("supervisor", "/api/supervision/signals"))["totalCount"]!.GetValue<int>().Should().Be(3);
        (await GetAsync("supervisor", "/api/supervision/signals?level=Prompt&department=market&serviceItem=food-business-licence&from=2025-10-12&to=2025-10-12"))
            ["totalCount"]!.GetValue<int>().Should().Be(2);
        (await GetAsync("supervisor", "/api/supervision/signals?to=2025-10-11"))["totalCount"]!.GetValue<int>().Should().Be(0);

        var mine = await GetAsync("clerk.market", "/api/supervision/alerts?scope=mine");
        var alert = mine["items"]!.AsArray().Single()!;
        alert["rule"]!.GetValue<string>().Should().Be("case.promise.prompt");
        var clerk = await _driver.As("clerk.market");
        var first = await HttpJson.ReadAsync(await clerk.PostAsync($"/api/supervision/alerts/{alert["id"]}/acknowledge", null), HttpStatusCode.OK);
        var again = await HttpJson.ReadAsync(await clerk.PostAsync($"/api/supervision/alerts/{alert["id"]}/acknowledge", null), HttpStatusCode.OK);
        again["acknowledgedAt"]!.GetValue<string>().Should().Be(first["acknowledgedAt"]!.GetValue<string>()).And.Be("2025-10-12T04:00:00Z");
        (await GetAsync("clerk.market", "/api/supervision/alerts"))["unacknowledgedCount"]!.GetValue<int>().Should().Be(0);

        // Decided 10-10, the promised due day: on time, not early; 5 working days used (09-28, 09-29, 09-30, 10-09, 10-10).
        var figures = await GetAsync("supervisor", "/api/supervision/figures?from=2025-10-01&to=2025-10-31");
        var market = figures["groups"]!.AsArray().Single()!;
        market["key"]!.GetValue<string>().Should().Be("market");
        market["completed"]!.GetValue<int>().Should().Be(1);
        market["onTimeRate"]!.GetValue<double>().Should().Be(1);
        market["earlyCompletionRate"]!.GetValue<double>().Should().Be(0);
        market["averageWorkingDaysUsed"]!.GetValue<double>().Should().Be(5);
        market["prompts"]!.GetValue<int>().Should().Be(2);
        market["yellowCards"]!.GetValue<int>().Should().Be(1);
        market["redCards"]!.GetValue<int>().Should().Be(0);
    }

    public async Task DisposeAsync()
    {
        await _driver.DisposeAsync();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<JsonObject> GetAsync(string user, string url) => await HttpJson.ReadAsync(await (await _driver.As(user)).GetAsync(url), HttpStatusCode.OK);
}

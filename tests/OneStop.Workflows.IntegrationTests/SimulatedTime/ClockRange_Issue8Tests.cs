using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;

namespace OneStop.Workflows.IntegrationTests.SimulatedTime;

/// <summary>
/// Issue 8 findings 6 and 7 on a Development server with the simulated clock (SQLite): the clock cannot leave the supported dates
/// (so submissions keep working), and a query value the framework cannot bind is a 400 ProblemDetails in Development too.
/// </summary>
public sealed class ClockRange_Issue8Tests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-clockrange-").FullName;
    private SimulatedClockFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new SimulatedClockFactory($"Data Source={Path.Combine(_folder, "onestop.db")}", environment: "Development", start: "2025-09-26T09:00:00+08:00");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("""{"now":"9999-12-31T00:00:00+08:00"}""", "now", "2199-12-31")]
    [InlineData("""{"now":"2200-01-01T00:00:00+08:00"}""", "now", "2199-12-31")]
    [InlineData("""{"advanceBy":"P3000000D"}""", "advanceBy", "too long")]
    [InlineData("""{"advanceBy":"P100000D"}""", "advanceBy", "2199-12-31")]
    public async Task Clock_CannotLeaveTheSupportedDates_AndSubmissionsStillWork(string body, string field, string says)
    {
        var admin = await _factory.CreateClientAsAsync("admin");
        var clerk = await _factory.CreateClientAsAsync("clerk.market");

        using var refused = await admin.PostAsync("/api/admin/clock", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, problem.ToJsonString());
        problem["errors"]![field]![0]!.GetValue<string>().Should().Contain(says);
        var clock = (await admin.GetFromJsonAsync<JsonObject>("/api/admin/clock"))!;
        clock["now"]!.GetValue<string>().Should().StartWith("2025-09-26");
        using var submitted = await clerk.PostAsJsonAsync("/api/cases", CaseDriver.Application("food-business-licence"));
        submitted.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Clock_MayBeSetToTheLastSupportedDay()
    {
        var admin = await _factory.CreateClientAsAsync("admin");
        var clerk = await _factory.CreateClientAsAsync("clerk.market");

        using var set = await admin.PostAsync("/api/admin/clock", new StringContent("""{"now":"2199-12-31T09:00:00+08:00"}""", Encoding.UTF8, "application/json"));
        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());

        using var submitted = await clerk.PostAsJsonAsync("/api/cases", CaseDriver.Application("food-business-licence"));
        submitted.StatusCode.Should().Be(HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/cases?pageSize=abc")]
    [InlineData("/api/workflow-definitions/restaurant-opening?version=abc")]
    [InlineData("/api/workflow-instances/00000000000000000000000000000000?afterSequence=99999999999999999999")]
    public async Task UnbindableQueryValues_Get400Problem_InDevelopment(string url)
    {
        var admin = await _factory.CreateClientAsAsync("admin");

        using var response = await admin.GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
    }
}

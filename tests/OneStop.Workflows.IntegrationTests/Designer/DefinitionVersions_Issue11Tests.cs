using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Designer;

/// <summary>Issue 11 §5 on PostgreSQL, a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDefinitionVersions_Issue11Tests(PostgresServerFixture postgres) : DefinitionVersions_Issue11Scenarios
{
    protected override async Task<OneStopApiFactory> CreateFactoryAsync() => new("PostgreSql", await postgres.Server.CreateDatabaseAsync());
}

/// <summary>Issue 11 §5 on the embedded default (SQLite file in a temp folder).</summary>
public sealed class SqliteDefinitionVersions_Issue11Tests : DefinitionVersions_Issue11Scenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-versions-").FullName;

    protected override Task<OneStopApiFactory> CreateFactoryAsync() =>
        Task.FromResult(new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>
/// Issue 11 §5: cases run on the version they started with; a published change applies to new cases. A case submitted on
/// v1 is accepted only after v2 is published, yet its reviews are v1's (the fire review's 8 working days), and it finishes on
/// v1; a case submitted after the publish runs v2 (9 working days). The instance read and the Studio's by-id read give each
/// its own version.
/// </summary>
public abstract class DefinitionVersions_Issue11Scenarios : IAsyncLifetime
{
    private const string Item = "restaurant-opening";
    private OneStopApiFactory _factory = null!;
    private CaseDriver _driver = null!;
    private HttpClient _studio = null!;

    protected abstract Task<OneStopApiFactory> CreateFactoryAsync();

    public async Task InitializeAsync()
    {
        _factory = await CreateFactoryAsync();
        _driver = new CaseDriver(_factory);
        _studio = await _factory.CookieClientAsync("designer");
    }

    public async Task DisposeAsync()
    {
        _studio.Dispose();
        await _driver.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Case_Issue11_StartedOnV1_ResumesAndFinishesOnV1_WhileANewCaseRunsV2()
    {
        var (first, _, _) = await _driver.SubmitAsync("clerk.market", Item);
        var model = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Workflows, Item + ".json")))!.AsObject();
        model["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "review-fire")!["timeLimitWorkingDays"]!["expression"]!["value"] = "9";
        var designer = await _driver.As("designer");
        var published = await HttpJson.ReadAsync(
            await designer.PostAsync("/api/workflow-definitions?publish=true", new StringContent(model.ToJsonString(), Encoding.UTF8, "application/json")),
            HttpStatusCode.Created);
        published["version"]!.GetValue<int>().Should().Be(2);

        await AcceptAsync(first);
        var second = await _driver.SubmitAndAcceptAsync("clerk.market", Item);

        (await FireReviewAsync(first))["timeLimitWorkingDays"]!.GetValue<int>().Should().Be(8, "the first case runs v1, although v2 was published before its reviews began");
        (await FireReviewAsync(second))["timeLimitWorkingDays"]!.GetValue<int>().Should().Be(9);

        await ApproveEveryReviewAsync(first);
        (await _driver.CaseAsync(first))["status"]!.GetValue<string>().Should().Be("Completed");
        (await _driver.CaseAsync(second))["status"]!.GetValue<string>().Should().NotBe("Completed");

        var firstInstance = await InstanceAsync(first);
        var secondInstance = await InstanceAsync(second);
        firstInstance["definitionVersion"]!.GetValue<int>().Should().Be(1);
        firstInstance["status"]!.GetValue<string>().Should().Be("Finished");
        secondInstance["definitionVersion"]!.GetValue<int>().Should().Be(2);
        secondInstance["definitionVersionId"]!.GetValue<string>().Should().Be(published["id"]!.GetValue<string>());

        (await FireLimitOfVersionAsync(firstInstance["definitionVersionId"]!.GetValue<string>())).Should().Be((1, "8"));
        (await FireLimitOfVersionAsync(secondInstance["definitionVersionId"]!.GetValue<string>())).Should().Be((2, "9"));
    }

    private async Task AcceptAsync(string caseId)
    {
        var acceptance = (await _driver.TasksAsync(caseId, "Acceptance")).Single();
        await _driver.DecideOkAsync("clerk.market", acceptance["id"]!.GetValue<string>(), "Accepted", "Materials complete 材料齐全");
    }

    private async Task<JsonObject> FireReviewAsync(string caseId) =>
        (await _driver.TasksAsync(caseId, "Review")).Single(t => t["department"]!.GetValue<string>() == "fire");

    private async Task ApproveEveryReviewAsync(string caseId)
    {
        foreach (var review in await _driver.TasksAsync(caseId, "Review"))
        {
            var reviewer = $"reviewer.{review["department"]!.GetValue<string>()}";
            await CaseDriver.Json(await (await _driver.As(reviewer)).PostAsync($"/api/tasks/{review["id"]}/claim", null), HttpStatusCode.OK);
            await _driver.DecideOkAsync(reviewer, review["id"]!.GetValue<string>(), "Approved", "No objection 无异议");
        }
    }

    private async Task<JsonObject> InstanceAsync(string caseId)
    {
        var instanceId = (await _driver.CaseAsync(caseId))["instanceId"]!.GetValue<string>();
        return await HttpJson.GetAsync(await _driver.As("designer"), $"/api/workflow-instances/{instanceId}");
    }

    private async Task<(int Version, string FireLimit)> FireLimitOfVersionAsync(string versionId)
    {
        var definition = await HttpJson.GetAsync(_studio, $"/elsa/api/workflow-definitions/by-id/{versionId}");
        var fire = definition["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "review-fire")!;
        return (definition["version"]!.GetValue<int>(), fire["timeLimitWorkingDays"]!["expression"]!["value"]!.GetValue<string>());
    }
}

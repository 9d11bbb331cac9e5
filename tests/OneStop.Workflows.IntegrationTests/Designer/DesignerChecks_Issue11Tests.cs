using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Designer;

/// <summary>Issue 11 §4 (acceptance 6): the designer checks at publish, on PostgreSQL, a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDesignerChecks_Issue11Tests(PostgresServerFixture postgres) : DesignerChecks_Issue11Scenarios
{
    protected override async Task<OneStopApiFactory> CreateFactoryAsync() => new("PostgreSql", await postgres.Server.CreateDatabaseAsync());
}

/// <summary>Issue 11 §4 (acceptance 6): the designer checks at publish, on the embedded default (SQLite file in a temp folder).</summary>
public sealed class SqliteDesignerChecks_Issue11Tests : DesignerChecks_Issue11Scenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-checks-").FullName;

    protected override Task<OneStopApiFactory> CreateFactoryAsync() =>
        Task.FromResult(new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>
/// Each designer check through the real REST publish route (<c>POST /api/workflow-definitions?publish=true</c>, the route the
/// Studio's publish shares through <c>DefinitionService</c>): a violating flow gets 400 ValidationProblemDetails naming the
/// code at its path and nothing is stored (the definition's versions are unchanged); its passing twin publishes. The demo
/// centre's shipped flows pass every check.
/// </summary>
public abstract class DesignerChecks_Issue11Scenarios : IAsyncLifetime
{
    private const string Restaurant = "restaurant-opening";
    private OneStopApiFactory _factory = null!;
    private HttpClient _designer = null!;
    private HttpClient _admin = null!;

    protected abstract Task<OneStopApiFactory> CreateFactoryAsync();

    public async Task InitializeAsync()
    {
        _factory = await CreateFactoryAsync();
        _designer = await _factory.CreateClientAsAsync("designer");
        _admin = await _factory.CreateClientAsAsync("admin");
    }

    public async Task DisposeAsync()
    {
        _designer.Dispose();
        _admin.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Publish_Issue11_RefusesReviewBudgetsOverTheItemsPromise_AndPublishesTheTwinWithinIt()
    {
        // restaurant-opening promises 10 WD; its reviews run in parallel, so the longest branch (fire) is the critical path.
        await ShouldBeRefusedAsync(Flow(Restaurant, f => SetInput(f, "review-fire", "timeLimitWorkingDays", "11")),
            "designer.budget.exceedsPromised", "$.root.activities[4]");

        await ShouldPublishAsync(Flow(Restaurant, f => SetInput(f, "review-fire", "timeLimitWorkingDays", "10")), version: 2);
    }

    [Fact]
    public async Task Publish_Issue11_RefusesAFlowWhoseItemPromisesMoreThanTheStatutoryLimit()
    {
        // construction-permit: statutory 7 calendar days. A promise of 8 working days overruns it whatever the start day; the
        // catalogue stores the change (with its flowProblems) and the flow's next publish is refused until the pair agrees.
        var item = await HttpJson.GetAsync(_admin, "/api/service-items/construction-permit");
        item["promisedLimit"] = JsonNode.Parse("""{"value":8,"unit":"WorkingDays"}""");
        var updated = await HttpJson.PutAsync(_admin, "/api/service-items/construction-permit", item);
        updated["flowProblems"]!.AsArray().Select(p => p!["code"]!.GetValue<string>()).Should().Equal("designer.promised.exceedsStatutory");

        var changed = Flow("construction-permit", f => SetInput(f, "review-airdefence", "timeLimitWorkingDays", "1"));
        await ShouldBeRefusedAsync(changed, "designer.promised.exceedsStatutory", "$.root");

        updated["promisedLimit"] = JsonNode.Parse("""{"value":3,"unit":"WorkingDays"}""");
        (await HttpJson.PutAsync(_admin, "/api/service-items/construction-permit", updated)).ContainsKey("flowProblems").Should().BeFalse();
        await ShouldPublishAsync(changed, version: 2);
    }

    [Fact]
    public async Task Publish_Issue11_RefusesADepartmentNotInTheCatalogue()
    {
        var problems = await ShouldBeRefusedAsync(Flow(Restaurant, f => SetInput(f, "review-water", "department", "nosuch")),
            "designer.department.unknown", "$.root.activities[6].department.expression.value");

        problems.Select(p => p.Code).Should().Contain(["designer.department.notOfItem", "designer.department.missing"]);
    }

    [Fact]
    public async Task Publish_Issue11_RefusesARetiredDepartment()
    {
        var flow = Flow(Restaurant, f => SetInput(f, "review-water", "timeLimitWorkingDays", "4"));
        await ShouldPublishAsync(flow, version: 2);
        (await _admin.PostAsync("/api/admin/departments/water/retire", null)).IsSuccessStatusCode.Should().BeTrue();

        await ShouldBeRefusedAsync(Flow(Restaurant, f => SetInput(f, "review-water", "timeLimitWorkingDays", "3")),
            "designer.department.retired", "$.root.activities[6].department.expression.value");
    }

    [Fact]
    public async Task Publish_Issue11_RefusesADepartmentReviewingTwice()
    {
        var problems = await ShouldBeRefusedAsync(Flow(Restaurant, f => SetInput(f, "review-water", "department", "fire")),
            "designer.department.duplicate", "$.root.activities[6].department.expression.value");

        problems.Single(p => p.Code == "designer.department.missing").Message.Should().Contain("water");
    }

    [Fact]
    public async Task Publish_Issue11_RefusesDepartmentsOtherThanTheItemsLeadAndCoDepartments()
    {
        var problems = await ShouldBeRefusedAsync(Flow(Restaurant, f => SetInput(f, "review-water", "department", "police")),
            "designer.department.notOfItem", "$.root.activities[6].department.expression.value");

        problems.Should().Contain(p => p.Code == "designer.department.missing" && p.Path == "$.root.activities" && p.Message.Contains("water"));
    }

    [Fact]
    public async Task Publish_Issue11_RefusesAJoinWithoutAMode_WhileADraftWithoutOneSaves()
    {
        var flow = Flow(Restaurant, f => Activity(f, "join").Remove("mode"));

        await ShouldBeRefusedAsync(flow, "designer.join.modeMissing", "$.root.activities[7].mode");

        var draft = await _designer.PostAsync("/api/workflow-definitions", Json(flow));
        draft.StatusCode.Should().Be(HttpStatusCode.Created, await draft.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DemoCentreFlows_Issue11_AllPassThePublishChecks()
    {
        var files = Directory.GetFiles(RepositoryFolders.Workflows, "*.json").Order(StringComparer.Ordinal).ToList();
        var summaries = await SummariesAsync();

        foreach (var file in files)
        {
            var model = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            var id = model["definitionId"]!.GetValue<string>();
            summaries.Should().ContainKey(id).WhoseValue.PublishedVersion.Should().Be(1, $"{id} was published at start-up");

            // Publishing the unchanged file again runs the checks, then finds it already published.
            var response = await _designer.PostAsync("/api/workflow-definitions?publish=true", Json(model));
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{id}: {await response.Content.ReadAsStringAsync()}");
            (await HttpJson.BodyAsync(response))["alreadyPublished"]!.GetValue<bool>().Should().BeTrue();
        }
    }

    private async Task<List<(string Path, string Code, string Message)>> ShouldBeRefusedAsync(JsonObject flow, string code, string path)
    {
        var id = flow["definitionId"]!.GetValue<string>();
        var before = await SummariesAsync();

        var response = await _designer.PostAsync("/api/workflow-definitions?publish=true", Json(flow));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = await HttpJson.ProblemAsync(response);
        var problems = problem["problems"]!.AsArray()
            .Select(p => (p!["path"]!.GetValue<string>(), p["code"]!.GetValue<string>(), p["message"]!.GetValue<string>())).ToList();
        problems.Select(p => (p.Item1, p.Item2)).Should().Contain((path, code));
        problem["errors"]!.AsObject().ContainsKey(path).Should().BeTrue();
        (await SummariesAsync())[id].Should().Be(before[id], "a refused publish stores nothing");
        return problems;
    }

    private async Task ShouldPublishAsync(JsonObject flow, int version)
    {
        var response = await _designer.PostAsync("/api/workflow-definitions?publish=true", Json(flow));
        var saved = await HttpJson.ReadAsync(response, HttpStatusCode.Created);
        saved["version"]!.GetValue<int>().Should().Be(version);
        saved["isPublished"]!.GetValue<bool>().Should().BeTrue();
    }

    private async Task<Dictionary<string, (int LatestVersion, int? PublishedVersion, string UpdatedAt)>> SummariesAsync() =>
        (await HttpJson.GetAsync(_designer, "/api/workflow-definitions"))["items"]!.AsArray().ToDictionary(
            i => i!["definitionId"]!.GetValue<string>(),
            i => (i!["latestVersion"]!.GetValue<int>(), i["publishedVersion"]?.GetValue<int?>(), i["updatedAt"]!.GetValue<string>()));

    private static JsonObject Flow(string definitionId, Action<JsonObject> change)
    {
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolders.Workflows, definitionId + ".json")))!.AsObject();
        change(model);
        return model;
    }

    private static JsonObject Activity(JsonObject model, string id) =>
        model["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == id)!.AsObject();

    private static void SetInput(JsonObject model, string activityId, string input, string value) =>
        Activity(model, activityId)[input]!["expression"]!["value"] = value;

    private static StringContent Json(JsonObject model) => new(model.ToJsonString(), Encoding.UTF8, "application/json");
}

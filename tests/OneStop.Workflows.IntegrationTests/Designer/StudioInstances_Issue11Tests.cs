using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Designer;

/// <summary>The Studio's instance viewer API on PostgreSQL (production), a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStudioInstances_Issue11Tests(PostgresServerFixture postgres) : StudioInstancesScenarios
{
    protected override async Task<OneStopApiFactory> CreateFactoryAsync() => new("PostgreSql", await postgres.Server.CreateDatabaseAsync());
}

/// <summary>The Studio's instance viewer API on the embedded default (SQLite file in a temp folder).</summary>
public sealed class SqliteStudioInstances_Issue11Tests : StudioInstancesScenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-studio-instances-").FullName;

    protected override Task<OneStopApiFactory> CreateFactoryAsync() =>
        Task.FromResult(new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>
/// Issue 11 §2 instances (acceptance 3): a real restaurant-opening case, accepted and reviewed by fire (market, urban and water still
/// reviewing), read through <c>/elsa/api</c> as the Studio's viewer reads it, signed in with the cookie.
/// </summary>
public abstract class StudioInstancesScenarios : IAsyncLifetime
{
    private const string Api = "/elsa/api";
    private static readonly string[] Waiting = ["review-market", "review-urban", "review-water"];
    private OneStopApiFactory _factory = null!;
    private CaseDriver _driver = null!;
    private HttpClient _designer = null!;
    private string _caseId = null!;
    private string _number = null!;
    private string _instanceId = null!;

    protected abstract Task<OneStopApiFactory> CreateFactoryAsync();

    public async Task InitializeAsync()
    {
        _factory = await CreateFactoryAsync();
        _driver = new CaseDriver(_factory);
        (_caseId, _number) = await StartReviewedCaseAsync();
        _instanceId = (await _driver.CaseAsync(_caseId))["instanceId"]!.GetValue<string>();
        _designer = await _factory.CookieClientAsync("designer");
    }

    public async Task DisposeAsync()
    {
        _designer.Dispose();
        await _driver.DisposeAsync();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task List_Issue11_ShowsTheCaseByItsNumberWithElsasStatuses()
    {
        var body = await ListAsync(new JsonObject { ["page"] = 0, ["pageSize"] = 10, ["searchTerm"] = _number });

        Wire(body);
        var item = body["items"]!.AsArray().Single()!.AsObject();
        body["totalCount"]!.GetValue<int>().Should().Be(1);
        item["id"]!.GetValue<string>().Should().Be(_instanceId);
        item["name"]!.GetValue<string>().Should().Be(_number, "an instance's name is its case number");
        item["correlationId"]!.GetValue<string>().Should().Be(_caseId);
        item["definitionId"]!.GetValue<string>().Should().Be("restaurant-opening");
        item["status"]!.GetValue<string>().Should().Be("Running");
        item["subStatus"]!.GetValue<string>().Should().Be("Suspended", "waiting is Elsa's Running/Suspended (our \"Waiting\" crashed the viewer)");
        item["finishedAt"].Should().BeNull();
        DateTimeOffset.Parse(item["createdAt"]!.GetValue<string>(), CultureInfo.InvariantCulture).Should().BeAfter(DateTimeOffset.UnixEpoch);

        // The definition version it runs is the one the Studio then opens.
        var versionId = item["definitionVersionId"]!.GetValue<string>();
        (await HttpJson.GetAsync(_designer, $"{Api}/workflow-definitions/by-id/{versionId}"))["definitionId"]!.GetValue<string>().Should().Be("restaurant-opening");

        // Filters: the case id (correlation) finds it; Elsa's statuses and sub-statuses select it or not.
        (await IdsAsync(new JsonObject { ["searchTerm"] = _caseId })).Should().Equal(_instanceId);
        (await IdsAsync(new JsonObject { ["searchTerm"] = versionId })).Should().Contain(_instanceId, "the Studio's search names the definition version id too");
        (await IdsAsync(new JsonObject { ["searchTerm"] = _instanceId })).Should().Equal(_instanceId);
        (await IdsAsync(new JsonObject { ["searchTerm"] = _number, ["statuses"] = new JsonArray("Finished") })).Should().BeEmpty();
        (await IdsAsync(new JsonObject { ["searchTerm"] = _number, ["subStatuses"] = new JsonArray("Suspended") })).Should().Equal(_instanceId);
        (await IdsAsync(new JsonObject { ["searchTerm"] = _number, ["subStatuses"] = new JsonArray("Executing") })).Should().BeEmpty();
        (await IdsAsync(new JsonObject { ["definitionIds"] = new JsonArray("food-business-licence") })).Should().NotContain(_instanceId);
        (await IdsAsync(new JsonObject { ["definitionIds"] = new JsonArray("restaurant-opening"), ["hasIncidents"] = false })).Should().Contain(_instanceId);
        (await IdsAsync(new JsonObject { ["searchTerm"] = _number, ["isSystem"] = true })).Should().BeEmpty("this server has no system workflows");
    }

    [Fact]
    public async Task List_Issue11_PagesInTheOrderAsked()
    {
        await StartReviewedCaseAsync();
        await StartReviewedCaseAsync();
        var filter = new JsonObject { ["definitionIds"] = new JsonArray("restaurant-opening"), ["orderBy"] = "Created", ["orderDirection"] = "Ascending" };

        var all = await ListAsync(With(filter, 0, 50));
        var first = await ListAsync(With(filter, 0, 2));
        var second = await ListAsync(With(filter, 1, 2));

        var ids = all["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToList();
        ids.Should().HaveCount(3).And.OnlyHaveUniqueItems();
        all["items"]!.AsArray().Select(i => DateTimeOffset.Parse(i!["createdAt"]!.GetValue<string>(), CultureInfo.InvariantCulture)).Should().BeInAscendingOrder();
        first["totalCount"]!.GetValue<int>().Should().Be(3);
        second["totalCount"]!.GetValue<int>().Should().Be(3);
        first["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Concat(second["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()))
            .Should().Equal(ids);
        var descending = await IdsAsync(new JsonObject { ["definitionIds"] = new JsonArray("restaurant-opening"), ["orderBy"] = "Created", ["orderDirection"] = "Descending" });
        descending.Should().Equal(Enumerable.Reverse(ids));
    }

    [Fact]
    public async Task Instance_Issue11_CarriesItsStateInElsasShape()
    {
        var body = await HttpJson.GetAsync(_designer, $"{Api}/workflow-instances/{_instanceId}");

        Wire(body);
        body["id"]!.GetValue<string>().Should().Be(_instanceId);
        body["status"]!.GetValue<string>().Should().Be("Running");
        body["subStatus"]!.GetValue<string>().Should().Be("Suspended");
        var state = body["workflowState"]!.AsObject();
        state["status"]!.GetValue<string>().Should().Be("Running");
        state["subStatus"]!.GetValue<string>().Should().Be("Suspended");
        state["incidents"]!.AsArray().Should().BeEmpty();
        state["activityExecutionContexts"]!.AsArray().Should().BeEmpty();
        var bookmarks = state["bookmarks"]!.AsArray().Select(b => b!.AsObject()).ToList();
        bookmarks.Select(b => b["activityNodeId"]!.GetValue<string>()).Should().BeEquivalentTo(Waiting.Select(NodeId));
        foreach (var bookmark in bookmarks)
        {
            var execution = await HttpJson.GetAsync(_designer, $"{Api}/activity-executions/by-id?id={Uri.EscapeDataString(bookmark["activityInstanceId"]!.GetValue<string>())}");
            execution["activityNodeId"]!.GetValue<string>().Should().Be(bookmark["activityNodeId"]!.GetValue<string>());
            execution["hasBookmarks"]!.GetValue<bool>().Should().BeTrue();
        }

        var execution_state = await HttpJson.GetAsync(_designer, $"{Api}/workflow-instances/{_instanceId}/execution-state");
        execution_state["status"]!.GetValue<string>().Should().Be("Running");
        execution_state["workflowSubStatus"]!.GetValue<string>().Should().Be("Suspended");
        execution_state["updatedAt"]!.GetValue<string>().Should().Be(body["updatedAt"]!.GetValue<string>());
        (await HttpJson.GetAsync(_designer, $"{Api}/workflow-instances/{_instanceId}/variables"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Report_Issue11_CountsTheCompletedAndTheWaitingActivities()
    {
        var nodeIds = await NodeIdsAsync();

        var body = await HttpJson.PostAsync(_designer, $"{Api}/activity-executions/report",
            new JsonObject { ["workflowInstanceId"] = _instanceId, ["activityNodeIds"] = new JsonArray([.. nodeIds.Select(n => (JsonNode)n)]) });

        Wire(body);
        var stats = body["stats"]!.AsArray().Select(s => s!.AsObject()).ToDictionary(s => s["activityNodeId"]!.GetValue<string>());
        foreach (var done in new[] { "start", "acceptance", "fork", "review-fire" })
        {
            Counts(stats[NodeId(done)]).Should().Be((1, 1, 0, false, false), done);
        }

        foreach (var waiting in Waiting)
        {
            Counts(stats[NodeId(waiting)]).Should().Be((1, 0, 1, true, false), $"{waiting} waits on its review (a bookmark)");
        }

        Counts(stats[NodeId("join")]).Should().Be((1, 0, 1, false, false), "the join has one arrival and waits without a bookmark");
        stats.Keys.Should().NotContain([NodeId("completion"), NodeId("notify"), NodeId("end")], "nodes that never ran have no stats, as in Elsa");

        var one = await HttpJson.PostAsync(_designer, $"{Api}/activity-executions/report",
            new JsonObject { ["workflowInstanceId"] = _instanceId, ["activityNodeIds"] = new JsonArray(NodeId("review-fire")) });
        one["stats"]!.AsArray().Select(s => s!["activityNodeId"]!.GetValue<string>()).Should().Equal(NodeId("review-fire"));
    }

    [Fact]
    public async Task Journal_Issue11_ListsEntriesWithNodeIdsAndTimestamps_Paged()
    {
        var nodeIds = await NodeIdsAsync();
        var filter = new JsonObject
        {
            ["activityNodeIds"] = new JsonArray([.. nodeIds.Select(n => (JsonNode)n)]),
            ["excludedActivityTypes"] = new JsonArray("Elsa.Workflow", "Elsa.Flowchart"),
        };

        var all = await JournalAsync(filter, 0, 200);

        Wire(all);
        var items = all["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        all["totalCount"]!.GetValue<int>().Should().Be(items.Count);
        items.Should().OnlyContain(i => nodeIds.Contains(i["nodeId"]!.GetValue<string>()));
        items.Select(i => i["sequence"]!.GetValue<long>()).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        items.Select(i => DateTimeOffset.Parse(i["timestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture)).Should().BeInAscendingOrder();
        items.Where(i => i["nodeId"]!.GetValue<string>() == NodeId("review-fire")).Select(i => i["eventName"]!.GetValue<string>())
            .Should().Equal("Started", "Suspended", "Resumed", "Completed");
        var fireCompleted = items.Single(i => i["nodeId"]!.GetValue<string>() == NodeId("review-fire") && i["eventName"]!.GetValue<string>() == "Completed");
        fireCompleted["payload"]!["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Equal("Approved");
        fireCompleted["activityType"]!.GetValue<string>().Should().Be("OneStop.DepartmentReview");

        // Every record's activity instance id is an execution the Studio can open (a 404 there breaks the page).
        foreach (var executionId in items.Select(i => i["activityInstanceId"]!.GetValue<string>()).Distinct())
        {
            (await _designer.GetAsync($"{Api}/activity-executions/by-id?id={Uri.EscapeDataString(executionId)}")).StatusCode.Should().Be(HttpStatusCode.OK, executionId);
        }

        var page = await JournalAsync(filter, 2, 3);
        page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).Should().Equal(items.Skip(2).Take(3).Select(i => i["id"]!.GetValue<string>()));
        page["totalCount"]!.GetValue<int>().Should().Be(items.Count);

        var suspended = await JournalAsync(new JsonObject { ["eventNames"] = new JsonArray("Suspended") }, 0, 200);
        suspended["items"]!.AsArray().Should().OnlyContain(i => i!["eventName"]!.GetValue<string>() == "Suspended");
        suspended["items"]!.AsArray().Select(i => i!["nodeId"]!.GetValue<string>()).Should().Contain(Waiting.Select(NodeId));

        var unfiltered = await JournalAsync(null, 0, 200);
        unfiltered["items"]!.AsArray().Select(i => i!["activityType"]!.GetValue<string>()).Should().Contain("Elsa.Workflow", "the workflow's own start is in the journal");
        unfiltered["totalCount"]!.GetValue<int>().Should().BeGreaterThan(items.Count);
    }

    [Fact]
    public async Task ActivityExecutions_Issue11_ListSummariesAndOneById()
    {
        var fire = await HttpJson.GetAsync(_designer, $"{Api}/activity-executions/list?workflowInstanceId={_instanceId}&activityNodeId={Uri.EscapeDataString(NodeId("review-fire"))}");
        var market = await HttpJson.GetAsync(_designer, $"{Api}/activity-execution-summaries/list?WorkflowInstanceId={_instanceId}&ActivityNodeId={Uri.EscapeDataString(NodeId("review-market"))}");
        var everything = await HttpJson.GetAsync(_designer, $"{Api}/activity-executions/list?workflowInstanceId={_instanceId}");

        Wire(fire);
        Wire(market);
        var record = fire["items"]!.AsArray().Single()!.AsObject();
        record["status"]!.GetValue<string>().Should().Be("Completed");
        record["hasBookmarks"]!.GetValue<bool>().Should().BeFalse();
        record["activityType"]!.GetValue<string>().Should().Be("OneStop.DepartmentReview");
        record["payload"]!["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()).Should().Equal("Approved");
        DateTimeOffset.Parse(record["completedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture)
            .Should().BeOnOrAfter(DateTimeOffset.Parse(record["startedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var summary = market["items"]!.AsArray().Single()!.AsObject();
        summary["status"]!.GetValue<string>().Should().Be("Running");
        summary["hasBookmarks"]!.GetValue<bool>().Should().BeTrue();
        summary["completedAt"].Should().BeNull();
        summary.ContainsKey("payload").Should().BeFalse("a summary is the short form");
        everything["items"]!.AsArray().Select(i => i!["activityId"]!.GetValue<string>()).Should()
            .BeEquivalentTo(["start", "acceptance", "fork", "review-market", "review-fire", "review-urban", "review-water", "join"], "these ran (the join once, at its first arrival)");

        var byId = await HttpJson.GetAsync(_designer, $"{Api}/activity-executions/by-id?id={Uri.EscapeDataString(summary["id"]!.GetValue<string>())}");
        byId["id"]!.GetValue<string>().Should().Be(summary["id"]!.GetValue<string>());
        byId["activityNodeId"]!.GetValue<string>().Should().Be(NodeId("review-market"));

        var unknown = await _designer.GetAsync($"{Api}/activity-executions/by-id?id={_instanceId}:999999");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound, "an id this server never gave is not found, as in Elsa");
        await HttpJson.ProblemAsync(unknown);
        (await _designer.GetAsync($"{Api}/activity-executions/by-id?id=")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _designer.GetAsync($"{Api}/activity-executions/list")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the instance id is required");
    }

    [Fact]
    public async Task Access_Issue11_AnonymousIs401_AReviewerIs403_ASupervisorViews()
    {
        using var anonymous = _factory.AnonymousClient();
        using var reviewer = await _factory.CookieClientAsync("reviewer.fire");
        using var supervisor = await _factory.CookieClientAsync("supervisor");

        foreach (var (method, url, body) in Routes(_instanceId))
        {
            using (var response = await SendAsync(anonymous, method, url, body))
            {
                response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{method} {url} anonymous (never a redirect)");
            }

            using (var response = await SendAsync(reviewer, method, url, body))
            {
                response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {url} as a reviewer");
                await HttpJson.ProblemAsync(response);
            }

            using (var response = await SendAsync(supervisor, method, url, body))
            {
                response.StatusCode.Should().Be(HttpStatusCode.OK, $"{method} {url} as the supervisor (a monitor of the centre)");
            }
        }

        (await supervisor.GetAsync($"/designer/instances/{_instanceId}")).StatusCode.Should().Be(HttpStatusCode.OK, "the viewer's host page opens for supervisors");
        (await supervisor.GetAsync("/designer/instances")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await reviewer.GetAsync($"/designer/instances/{_instanceId}")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownInstance_Issue11_Is404ProblemDetails()
    {
        foreach (var unknown in new[] { Guid.NewGuid().ToString(), "not-an-instance" })
        {
            foreach (var (method, url, body) in Routes(unknown).Where(r => !r.Url.EndsWith("/workflow-instances", StringComparison.Ordinal)))
            {
                using var response = await SendAsync(_designer, method, url, body);
                response.StatusCode.Should().Be(HttpStatusCode.NotFound, $"{method} {url}");
                await HttpJson.ProblemAsync(response);
            }
        }
    }

    [Fact]
    public async Task BadInput_Issue11_Is400ProblemDetails()
    {
        var journal = $"{Api}/workflow-instances/{_instanceId}/journal";
        var cases = new (string Url, string Body, string Why)[]
        {
            ($"{Api}/workflow-instances", "{\"page\":0,", "a malformed body"),
            ($"{Api}/workflow-instances", "[]", "not an object"),
            ($"{Api}/workflow-instances", "", "no body"),
            ($"{Api}/workflow-instances", "{\"statuses\":[\"Waiting\"]}", "our status name is not Elsa's"),
            ($"{Api}/workflow-instances", "{\"pageSize\":100000}", "a huge page"),
            ($"{Api}/workflow-instances", "{\"page\":-1}", "a negative page"),
            ($"{Api}/workflow-instances", "{\"orderBy\":\"Sideways\"}", "an unknown order"),
            ($"{Api}/workflow-instances", "{\"timestampFilters\":[{\"column\":\"CreatedAt\",\"operator\":\"GreaterThan\",\"timestamp\":\"2025-01-01T00:00:00Z\"}]}", "not supported"),
            ($"{journal}?skip=-1&take=10", "{}", "a negative skip"),
            ($"{journal}?skip=0&take=100000", "{}", "a huge take"),
            ($"{journal}?skip=0&take=0", "{}", "take 0"),
            ($"{journal}?skip=abc", "{}", "skip not a number"),
            ($"{journal}?skip=0&take=10", "{\"filter\":{\"activityNodeIds\":\"x\"}}", "node ids not an array"),
            ($"{journal}?skip=0&take=10", "", "no body"),
            ($"{Api}/activity-executions/report", "{\"activityNodeIds\":[]}", "no instance id"),
            ($"{Api}/activity-executions/report", "{\"workflowInstanceId\":", "a malformed body"),
        };

        foreach (var (url, body, why) in cases)
        {
            using var response = await _designer.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{url} {why}: {await response.Content.ReadAsStringAsync()}");
            await HttpJson.ProblemAsync(response);
        }
    }

    /// <summary>A restaurant-opening case: submitted and accepted by the market window, its fire review approved.</summary>
    private async Task<(string Id, string Number)> StartReviewedCaseAsync()
    {
        var (id, number, _) = await _driver.SubmitAsync("clerk.market", "restaurant-opening");
        var acceptance = (await _driver.TasksAsync(id, "Acceptance")).Single();
        await _driver.DecideOkAsync("clerk.market", acceptance["id"]!.GetValue<string>(), "Accepted", "Materials complete 材料齐全");
        var fire = (await _driver.TasksAsync(id, "Review")).Single(t => t["department"]!.GetValue<string>() == "fire");
        await _driver.DecideOkAsync("reviewer.fire", fire["id"]!.GetValue<string>(), "Approved", "消防：符合要求 Fire: compliant");
        return (id, number);
    }

    private static string NodeId(string activityId) => $"restaurant-opening:root:{activityId}";

    /// <summary>The node ids of the version's flowchart children, as the Studio sends them (from the definition it loads).</summary>
    private async Task<List<string>> NodeIdsAsync()
    {
        var instance = await HttpJson.GetAsync(_designer, $"{Api}/workflow-instances/{_instanceId}");
        var definition = await HttpJson.GetAsync(_designer, $"{Api}/workflow-definitions/by-id/{instance["definitionVersionId"]!.GetValue<string>()}");
        return [.. definition["root"]!["activities"]!.AsArray().Select(a => a!["nodeId"]!.GetValue<string>())];
    }

    private async Task<JsonObject> ListAsync(JsonObject body) => await HttpJson.PostAsync(_designer, $"{Api}/workflow-instances", body);

    private async Task<List<string>> IdsAsync(JsonObject body) =>
        [.. (await ListAsync(body))["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>())];

    private async Task<JsonObject> JournalAsync(JsonObject? filter, int skip, int take) =>
        await HttpJson.PostAsync(_designer, $"{Api}/workflow-instances/{_instanceId}/journal?skip={skip}&take={take}", new JsonObject { ["filter"] = filter?.DeepClone() });

    private static JsonObject With(JsonObject filter, int page, int pageSize)
    {
        var copy = filter.DeepClone().AsObject();
        copy["page"] = page;
        copy["pageSize"] = pageSize;
        return copy;
    }

    private static (long, long, long, bool, bool) Counts(JsonObject s) => (s["startedCount"]!.GetValue<long>(), s["completedCount"]!.GetValue<long>(),
        s["uncompletedCount"]!.GetValue<long>(), s["isBlocked"]!.GetValue<bool>(), s["isFaulted"]!.GetValue<bool>());

    /// <summary>The wire conventions: camelCase names, no null collection.</summary>
    private static void Wire(JsonObject body)
    {
        StudioClients.NotCamelCase(body).Should().BeEmpty();
        StudioClients.NullCollections(body).Should().BeEmpty();
        foreach (var name in new[] { "bookmarks", "incidents", "stats", "payload", "activityState", "workflowState" })
        {
            Paths(body, name).Should().NotContain(n => n == null, $"'{name}' is never null");
        }
    }

    private static IEnumerable<JsonNode?> Paths(JsonNode? node, string name) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == name ? [p.Value, .. Paths(p.Value, name)] : Paths(p.Value, name)),
        JsonArray a => a.SelectMany(x => Paths(x, name)),
        _ => [],
    };

    /// <summary>Every instance route the viewer calls, for one instance id.</summary>
    private static IEnumerable<(string Method, string Url, string? Body)> Routes(string instanceId) =>
    [
        ("POST", $"{Api}/workflow-instances", "{\"page\":0,\"pageSize\":10}"),
        ("GET", $"{Api}/workflow-instances/{instanceId}", null),
        ("GET", $"{Api}/workflow-instances/{instanceId}/execution-state", null),
        ("POST", $"{Api}/workflow-instances/{instanceId}/journal?skip=0&take=10", "{\"filter\":null}"),
        ("GET", $"{Api}/workflow-instances/{instanceId}/variables", null),
        ("GET", $"{Api}/activity-executions/list?workflowInstanceId={instanceId}", null),
        ("GET", $"{Api}/activity-execution-summaries/list?workflowInstanceId={instanceId}", null),
        ("POST", $"{Api}/activity-executions/report", $"{{\"workflowInstanceId\":\"{instanceId}\",\"activityNodeIds\":[\"restaurant-opening:root:start\"]}}"),
    ];

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Designer;

/// <summary>
/// Issue 11: the shapes the real Elsa Studio 3.8.2 reads from <c>/elsa/api</c> (../shared/design/elsa-studio-contract.md), against
/// the real server and database, signed in with the cookie as the Studio is (same origin).
/// </summary>
public abstract class StudioApiContractScenarios : IAsyncLifetime
{
    private OneStopApiFactory _factory = null!;
    private HttpClient _designer = null!;

    protected abstract Task<OneStopApiFactory> CreateFactoryAsync();

    public async Task InitializeAsync()
    {
        _factory = await CreateFactoryAsync();
        _designer = await _factory.CookieClientAsync("designer");
    }

    public async Task DisposeAsync()
    {
        _designer.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task ActivityDescriptors_Issue11_OfferTheApprovalCategoryAndTheFlowBuiltIns()
    {
        var body = await HttpJson.GetAsync(_designer, "/elsa/api/descriptors/activities?Refresh=True");

        var items = body["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        body["count"]!.GetValue<int>().Should().Be(items.Count);
        StudioClients.NullCollections(body).Should().BeEmpty();
        StudioClients.NotCamelCase(body).Should().BeEmpty();
        var byType = items.ToDictionary(i => i["typeName"]!.GetValue<string>());
        items.Where(i => i["category"]!.GetValue<string>() == "Approval").Select(i => i["typeName"]!.GetValue<string>())
            .Should().Contain(["OneStop.Acceptance", "OneStop.DepartmentReview", "OneStop.Completion", "OneStop.Notify"]);
        byType.Keys.Should().Contain(["Elsa.Start", "Elsa.End", "Elsa.FlowFork", "Elsa.FlowJoin", "Elsa.Flowchart"]);
        byType["Elsa.Flowchart"]["isContainer"]!.GetValue<bool>().Should().BeTrue();
        byType["Elsa.Flowchart"]["isBrowsable"]!.GetValue<bool>().Should().BeFalse();
        byType["Elsa.Start"]["isStart"]!.GetValue<bool>().Should().BeTrue();
        byType["Elsa.End"]["isTerminal"]!.GetValue<bool>().Should().BeTrue();
        var mode = byType["Elsa.FlowJoin"]["inputs"]!.AsArray().Single()!;
        mode["defaultValue"]!.GetValue<string>().Should().Be("WaitAll");
        Choices(mode).Should().Equal("WaitAll", "WaitAllActive", "WaitAny");

        var review = byType["OneStop.DepartmentReview"];
        review["namespace"]!.GetValue<string>().Should().Be("OneStop");
        review["kind"]!.GetValue<string>().Should().Be("Task", "enums are strings");
        review["ports"]!.AsArray().Select(p => (p!["name"]!.GetValue<string>(), p["type"]!.GetValue<string>()))
            .Should().Equal(("Approved", "Flow"), ("Rejected", "Flow"));
        review["ports"]!.AsArray().Should().OnlyContain(p => p!["displayName"]!.GetValue<string>().Length > 0);
        var inputs = review["inputs"]!.AsArray().Select(i => i!.AsObject()).ToList();
        inputs.Should().OnlyContain(i => i["isBrowsable"]!.GetValue<bool>() && i["isWrapped"]!.GetValue<bool>());
        inputs.Select(i => i["order"]!.GetValue<int>()).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        inputs.Single(i => i["name"]!.GetValue<string>() == "TimeLimitWorkingDays")["typeName"]!.GetValue<string>().Should().Be("Int32");

        // The dropdown: every active department that does not only group others, from the catalogue.
        var departments = (await HttpJson.GetAsync(_designer, "/api/departments"))["items"]!.AsArray().Select(d => d!.AsObject()).ToList();
        var parents = departments.Select(d => d["parentCode"]?.GetValue<string>()).Where(p => p is not null).ToHashSet();
        var expected = departments.Where(d => d["active"]!.GetValue<bool>() && !parents.Contains(d["code"]!.GetValue<string>()))
            .Select(d => d["code"]!.GetValue<string>()).ToList();
        expected.Should().Contain(["market", "fire", "urban", "water"]);
        Choices(inputs.Single(i => i["name"]!.GetValue<string>() == "Department")).Should().BeEquivalentTo(expected);
    }

    [Fact]
    public async Task ActivityDescriptors_Issue11_TheToolboxOffersOnlyTheCategoriesACaseFlowCanUse_TheOtherBuiltInsAreDescribedButHidden()
    {
        var items = (await HttpJson.GetAsync(_designer, "/elsa/api/descriptors/activities"))["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var offered = items.Where(i => i["isBrowsable"]!.GetValue<bool>()).ToList();

        // The toolbox (what the Studio lists) holds Approval, Branching and Flow only: no "Console", no "Primitives".
        offered.Select(i => i["category"]!.GetValue<string>()).Distinct().Should().BeEquivalentTo("Approval", "Branching", "Flow");
        offered.Select(i => i["typeName"]!.GetValue<string>()).Should().BeEquivalentTo(
            "OneStop.Acceptance", "OneStop.DepartmentReview", "OneStop.Completion", "OneStop.Notify", "Elsa.Start", "Elsa.End", "Elsa.FlowFork", "Elsa.FlowJoin");
        // Every offered type is one the engine runs (the server's catalogue), and the hidden built-ins stay described so that a flow
        // that has them (the engine's fork-join sample) still draws.
        var catalogue = _factory.Services.GetRequiredService<Engine.Activities.ActivityCatalogue>();
        offered.Should().OnlyContain(i => catalogue.Find(i["typeName"]!.GetValue<string>(), i["version"]!.GetValue<int>()) != null);
        items.Where(i => !i["isBrowsable"]!.GetValue<bool>()).Select(i => i["typeName"]!.GetValue<string>())
            .Should().BeEquivalentTo("Elsa.Flowchart", "Elsa.Event", "Elsa.Finish", "Elsa.WriteLine");
    }

    [Fact]
    public async Task DepartmentDropdown_Issue11_LeavesOutARetiredDepartment()
    {
        var admin = await _factory.CreateClientAsAsync("admin");
        var before = Choices(DepartmentInput(await HttpJson.GetAsync(_designer, "/elsa/api/descriptors/activities")));
        before.Should().Contain("water");

        (await admin.PostAsync("/api/admin/departments/water/retire", null)).IsSuccessStatusCode.Should().BeTrue();

        var after = Choices(DepartmentInput(await HttpJson.GetAsync(_designer, "/elsa/api/descriptors/activities")));
        after.Should().NotContain("water").And.HaveCount(before.Count - 1);
    }

    [Fact]
    public async Task ExpressionDescriptorsAndStubs_Issue11_AnswerWhatTheStudioNeeds()
    {
        var expressions = await HttpJson.GetAsync(_designer, "/elsa/api/descriptors/expression-descriptors");
        var types = expressions["items"]!.AsArray().ToDictionary(e => e!["type"]!.GetValue<string>(), e => e!["isBrowsable"]!.GetValue<bool>());
        types.Should().Contain("Literal", true).And.Contain("JavaScript", false);

        foreach (var path in Server.Features.Designer.StudioDescriptorEndpoints.EmptyLists)
        {
            var stub = await HttpJson.GetAsync(_designer, "/elsa/api" + path);
            stub["items"]!.AsArray().Should().BeEmpty(path);
            stub["count"]!.GetValue<int>().Should().Be(0, path);
        }
    }

    [Fact]
    public async Task DefinitionList_Issue11_IsPagedWithLinksAndReadsPascalCaseQueries()
    {
        var list = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False&OrderDirection=Ascending");

        StudioClients.NullCollections(list).Should().BeEmpty();
        StudioClients.NotCamelCase(list).Should().BeEmpty();
        list["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).Should().Contain("bulk-publish");
        var items = list["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var total = list["totalCount"]!.GetValue<int>();
        total.Should().Be(Directory.GetFiles(RepositoryFolders.Workflows, "*.json").Length);
        var restaurant = items.Single(i => i["definitionId"]!.GetValue<string>() == "restaurant-opening");
        restaurant["isLatest"]!.GetValue<bool>().Should().BeTrue();
        restaurant["isPublished"]!.GetValue<bool>().Should().BeTrue();
        restaurant["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).Should().Contain("publish");
        items.Select(i => i["name"]!.GetValue<string>()).Should().BeInAscendingOrder(StringComparer.Ordinal);

        var page = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions?versionOptions=Latest&Page=1&PageSize=2&OrderBy=Name&OrderDirection=Descending");
        page["totalCount"]!.GetValue<int>().Should().Be(total);
        page["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>())
            .Should().Equal(items.Select(i => i["name"]!.GetValue<string>()).Reverse().Skip(2).Take(2));

        var search = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions?versionOptions=Latest&SearchTerm=RESTAURANT");
        search["items"]!.AsArray().Select(i => i!["definitionId"]!.GetValue<string>()).Should().Equal("restaurant-opening");
        var chinese = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions?versionOptions=Latest&SearchTerm=" + Uri.EscapeDataString("餐饮"));
        chinese["items"]!.AsArray().Select(i => i!["definitionId"]!.GetValue<string>()).Should().Equal("restaurant-opening");

        var published = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions?versionOptions=Published&DefinitionIds=restaurant-opening&DefinitionIds=fork-join-sample");
        published["items"]!.AsArray().Select(i => i!["definitionId"]!.GetValue<string>()).Should().BeEquivalentTo(["restaurant-opening", "fork-join-sample"]);

        var system = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions?versionOptions=Latest&IsSystem=True");
        system["items"]!.AsArray().Should().BeEmpty();
        system["totalCount"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task VersionHistory_Issue11_ListsEveryVersionWithItsFlags()
    {
        await SaveDraftOfRestaurantAsync();

        var all = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions?versionOptions=AllVersions&DefinitionIds=restaurant-opening&OrderBy=Version&OrderDirection=Descending");
        var versions = all["items"]!.AsArray().Select(i => (i!["version"]!.GetValue<int>(), i["isLatest"]!.GetValue<bool>(), i["isPublished"]!.GetValue<bool>())).ToList();
        versions.Should().Equal((2, true, false), (1, false, true));

        var draft = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions/by-definition-id/restaurant-opening?versionOptions=Draft");
        draft["version"]!.GetValue<int>().Should().Be(2);
        var publishedOne = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions/by-definition-id/restaurant-opening?versionOptions=Published");
        publishedOne["version"]!.GetValue<int>().Should().Be(1);
        publishedOne["isLatest"]!.GetValue<bool>().Should().BeFalse();
        var first = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions/by-definition-id/restaurant-opening?versionOptions=1");
        first["id"]!.GetValue<string>().Should().Be(publishedOne["id"]!.GetValue<string>());
        (await _designer.GetAsync("/elsa/api/workflow-definitions/by-definition-id/restaurant-opening?versionOptions=LatestAndPublished")).StatusCode
            .Should().Be(HttpStatusCode.NotFound, "the latest version is a draft");

        var byId = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions/by-id/" + publishedOne["id"]!.GetValue<string>());
        byId["version"]!.GetValue<int>().Should().Be(1);
        JsonNode.DeepEquals(byId["root"], publishedOne["root"]).Should().BeTrue();
    }

    [Fact]
    public async Task InstanceListLookup_Issue11_ByVersionIds_FindsAnOlderPublishedVersion()
    {
        // The Studio's instance list asks for the versions its instances run by id, without versionOptions: a case on
        // published v1 must be found while a v2 draft is the latest.
        await SaveDraftOfRestaurantAsync();
        var published = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions/by-definition-id/restaurant-opening?versionOptions=Published");
        var v1 = published["id"]!.GetValue<string>();

        var found = await HttpJson.GetAsync(_designer, $"/elsa/api/workflow-definitions?Ids={v1}");
        found["items"]!.AsArray().Select(i => (i!["id"]!.GetValue<string>(), i["version"]!.GetValue<int>())).Should().Equal((v1, 1));
        var latestOnly = await HttpJson.GetAsync(_designer, $"/elsa/api/workflow-definitions?Ids={v1}&versionOptions=Latest");
        latestOnly["items"]!.AsArray().Should().BeEmpty("an explicit versionOptions still applies");
    }

    [Fact]
    public async Task DefinitionRead_Issue11_CarriesIsLatestLinksAndNoNullCollections()
    {
        var definition = await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions/by-definition-id/restaurant-opening?versionOptions=Latest");

        definition["definitionId"]!.GetValue<string>().Should().Be("restaurant-opening");
        definition["isLatest"]!.GetValue<bool>().Should().BeTrue();
        definition["isReadonly"]!.GetValue<bool>().Should().BeFalse();
        definition["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).Should().Contain("publish");
        definition["root"]!["type"]!.GetValue<string>().Should().Be("Elsa.Flowchart");
        StudioClients.NullCollections(definition).Should().BeEmpty();
        foreach (var name in new[] { "variables", "inputs", "outputs", "outcomes" })
        {
            definition[name].Should().BeOfType<JsonArray>(name);
        }

        var reviews = definition["root"]!["activities"]!.AsArray().Where(a => a!["type"]!.GetValue<string>() == "OneStop.DepartmentReview")
            .Select(a => a!["department"]!["expression"]!["value"]!.GetValue<string>());
        reviews.Should().BeEquivalentTo(["market", "fire", "urban", "water"]);

        var unknown = await _designer.GetAsync("/elsa/api/workflow-definitions/by-definition-id/no-such-flow?versionOptions=Latest");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await HttpJson.ProblemAsync(unknown);
        var bad = await _designer.GetAsync("/elsa/api/workflow-definitions/by-definition-id/restaurant-opening?versionOptions=Newest");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await HttpJson.ProblemAsync(bad))["errors"]!["versionOptions"].Should().NotBeNull();
    }

    [Fact]
    public async Task NameCheck_Issue11_FindsAnotherDefinitionsName()
    {
        var name = (await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions/by-definition-id/restaurant-opening"))["name"]!.GetValue<string>();

        (await IsUniqueAsync($"name={Uri.EscapeDataString(name)}")).Should().BeFalse();
        (await IsUniqueAsync($"name={Uri.EscapeDataString(" " + name.ToUpperInvariant() + " ")}")).Should().BeFalse("names compare trimmed, ignoring case");
        (await IsUniqueAsync($"name={Uri.EscapeDataString(name)}&definitionId=restaurant-opening")).Should().BeTrue("its own name");
        (await IsUniqueAsync("name=" + Uri.EscapeDataString("全新的流程 A new flow"))).Should().BeTrue();
    }

    [Fact]
    public async Task Refusals_Issue11_Are401And403AsJsonNeverARedirect()
    {
        using var anonymous = _factory.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/elsa/api/workflow-definitions/by-definition-id/restaurant-opening");
        request.Headers.Accept.ParseAdd("text/html,application/json");
        var unauthenticated = await anonymous.SendAsync(request);
        unauthenticated.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await HttpJson.ProblemAsync(unauthenticated);

        using var clerk = await _factory.CookieClientAsync("clerk.market");
        foreach (var url in new[] { "/elsa/api/descriptors/activities", "/elsa/api/workflow-definitions", "/elsa/api/features/installed" })
        {
            var forbidden = await clerk.GetAsync(url);
            forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden, url);
            await HttpJson.ProblemAsync(forbidden);
        }
    }

    [Fact]
    public async Task Supervisor_Issue11_ReadsDefinitionsReadOnly()
    {
        using var supervisor = await _factory.CookieClientAsync("supervisor");

        var definition = await HttpJson.GetAsync(supervisor, "/elsa/api/workflow-definitions/by-definition-id/restaurant-opening");
        definition["isReadonly"]!.GetValue<bool>().Should().BeTrue();
        definition["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).Should().NotContain("publish");
        var list = await HttpJson.GetAsync(supervisor, "/elsa/api/workflow-definitions?versionOptions=Latest");
        list["links"]!.AsArray().Should().BeEmpty();
        list["items"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(i => i!["isReadonly"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RecordedRequests_Issue11_EveryReadOfTheRecordedEditorLoadAnswers200Json()
    {
        var log = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Root, "tests", "OneStop.Workflows.IntegrationTests", "Designer", "Recorded", "request-log-sample.json")))!.AsArray();
        var reads = log.Where(r => r!["method"]!.GetValue<string>() == "GET").ToList();
        reads.Should().HaveCountGreaterThan(5);

        foreach (var read in reads)
        {
            // The recording's definition was "wf1"; here it is a shipped one.
            var url = read!["path"]!.GetValue<string>().Replace("/wf1", "/restaurant-opening", StringComparison.Ordinal) + read["query"]!.GetValue<string>();
            var response = await _designer.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.OK, url);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json", url);
            StudioClients.NullCollections(JsonNode.Parse(await response.Content.ReadAsStringAsync())).Should().BeEmpty(url);
        }
    }

    private async Task<bool> IsUniqueAsync(string query) =>
        (await HttpJson.GetAsync(_designer, "/elsa/api/workflow-definitions/validation/is-name-unique?" + query))["isUnique"]!.GetValue<bool>();

    /// <summary>A draft version 2 of restaurant-opening, saved through the existing /api route (the Studio's save is part 2).</summary>
    private async Task SaveDraftOfRestaurantAsync()
    {
        var designer = await _factory.CreateClientAsAsync("designer");
        var model = await HttpJson.GetAsync(designer, "/api/workflow-definitions/restaurant-opening");
        var fire = model["root"]!["activities"]!.AsArray().Single(a => a!["department"]?["expression"]?["value"]?.GetValue<string>() == "fire")!;
        fire["timeLimitWorkingDays"] = new JsonObject { ["typeName"] = "Int32", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "4" } };
        var saved = await designer.PostAsync("/api/workflow-definitions", new StringContent(model.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        (await HttpJson.ReadAsync(saved, HttpStatusCode.Created))["version"]!.GetValue<int>().Should().Be(2);
    }

    private static JsonNode DepartmentInput(JsonObject descriptors) =>
        descriptors["items"]!.AsArray().Single(i => i!["typeName"]!.GetValue<string>() == "OneStop.DepartmentReview")!["inputs"]!.AsArray()
            .Single(i => i!["name"]!.GetValue<string>() == "Department")!;

    private static List<string> Choices(JsonNode input) =>
        input["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()).ToList();
}

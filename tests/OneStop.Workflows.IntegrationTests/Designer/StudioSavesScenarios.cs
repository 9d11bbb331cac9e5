using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Workflows;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Designer;

/// <summary>
/// Issue 11 §2–3 (acceptance 2 first half, 4, 5 at API level): <c>POST /elsa/api/workflow-definitions</c> as the Studio sends it — create,
/// drafts after shape checks only, the full validation at publish, Elsa's versioning, the stale-base refusal, audit — and the publish,
/// retract and delete menus; against the real server and database, signed in with the cookie.
/// </summary>
public abstract class StudioSavesScenarios : IAsyncLifetime
{
    private const string Api = "/elsa/api/workflow-definitions";

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
    public async Task Create_Issue11_AssignsIdsAndStoresVersion1AsADraft()
    {
        // What the Studio's "Create workflow" sends: no ids, null collections, a root without activities.
        var create = new JsonObject
        {
            ["id"] = null, ["definitionId"] = null, ["name"] = "Saves create 新建流程", ["description"] = null, ["version"] = 1,
            ["variables"] = null, ["inputs"] = null, ["outputs"] = null, ["outcomes"] = null, ["customProperties"] = null, ["options"] = null,
            ["root"] = new JsonObject { ["type"] = "Elsa.Flowchart", ["version"] = 1, ["id"] = null, ["nodeId"] = null, ["activities"] = new JsonArray(), ["connections"] = null },
        };

        var response = await SaveAsync(_designer, create, publish: null);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await HttpJson.BodyAsync(response);
        body["alreadyPublished"]!.GetValue<bool>().Should().BeFalse();
        body["consumingWorkflowCount"]!.GetValue<int>().Should().Be(0);
        var definition = body["workflowDefinition"]!.AsObject();
        StudioClients.NullCollections(definition).Should().BeEmpty();
        var definitionId = definition["definitionId"]!.GetValue<string>();
        definitionId.Should().NotBeNullOrWhiteSpace();
        definition["version"]!.GetValue<int>().Should().Be(1);
        definition["isLatest"]!.GetValue<bool>().Should().BeTrue();
        definition["isPublished"]!.GetValue<bool>().Should().BeFalse();
        definition["isReadonly"]!.GetValue<bool>().Should().BeFalse();
        Rels(definition).Should().Contain("publish");
        var root = definition["root"]!.AsObject();
        root["id"]!.GetValue<string>().Should().MatchRegex("^[0-9a-f]{16}$");
        root["nodeId"]!.GetValue<string>().Should().EndWith(":" + root["id"]!.GetValue<string>());

        var rows = await RowsAsync(definitionId);
        rows.Should().ContainSingle().Which.Should().Match<WorkflowDefinitionRow>(r => r.Version == 1 && !r.IsPublished && r.IsLatest && r.Id == definition["id"]!.GetValue<string>());
        (await HttpJson.GetAsync(_designer, $"{Api}/by-definition-id/{definitionId}?versionOptions=Latest"))["name"]!.GetValue<string>().Should().Be("Saves create 新建流程");
        (await AuditAsync(definitionId)).Should().ContainSingle().Which.Should().Match<AuditEvent>(e => e.Action == AuditActions.DefinitionDraftSaved && e.Actor == "designer");
    }

    [Fact]
    public async Task DraftWithAReviewWithoutDepartment_Issue11_StoresButItsPublishIsRefusedAndPublishesNothing()
    {
        var model = await LoadAsync(_designer, "restaurant-opening");
        model["root"]!["activities"]!.AsArray().Add(Review("a1b2c3d4e5f60718", model, department: null));

        var draft = await HttpJson.ReadAsync(await SaveAsync(_designer, model, publish: false), HttpStatusCode.Created);

        var saved = draft["workflowDefinition"]!.AsObject();
        saved["version"]!.GetValue<int>().Should().Be(2, "the latest (1) was published: the save makes version 2");
        saved["isPublished"]!.GetValue<bool>().Should().BeFalse();
        var before = await RowsAsync("restaurant-opening");
        before.Single(r => r.IsPublished).Version.Should().Be(1);

        var refused = await SaveAsync(_designer, saved, publish: true);

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await HttpJson.ProblemAsync(refused);
        var errors = problem["errors"]!.AsObject();
        errors["publish"]!.AsArray().Single()!.GetValue<string>().Should().Contain("未发布").And.Contain("Not published");
        errors.Select(e => e.Key).Should().Contain(k => k.StartsWith("$.model.root.activities[", StringComparison.Ordinal));
        string.Join(' ', errors.SelectMany(e => e.Value!.AsArray()).Select(m => m!.GetValue<string>())).Should().Contain("Department");
        var after = await RowsAsync("restaurant-opening");
        after.Select(r => (r.Id, r.Version, r.IsPublished, r.IsLatest, r.Json)).Should().Equal(before.Select(r => (r.Id, r.Version, r.IsPublished, r.IsLatest, r.Json)));
        (await AuditAsync("restaurant-opening")).Select(e => e.Action).Should().Equal(AuditActions.DefinitionDraftSaved);
    }

    [Fact]
    public async Task Versioning_Issue11_UpdatesTheDraftInPlace_MakesVersionPlusOneAfterPublish_AndPublishUnpublishesTheOthers()
    {
        var v1 = await CreateAsync(_designer, "Saves versioning");
        var definitionId = v1["definitionId"]!.GetValue<string>();

        v1["description"] = "second draft";
        v1["root"] = (await LoadAsync(_designer, "fork-join-sample"))["root"]!.DeepClone(); // a flow that may be published
        var inPlace = await HttpJson.ReadAsync(await SaveAsync(_designer, v1, publish: false), HttpStatusCode.OK);
        var draft = inPlace["workflowDefinition"]!.AsObject();
        draft["id"]!.GetValue<string>().Should().Be(v1["id"]!.GetValue<string>(), "the latest is a draft: updated in place");
        draft["version"]!.GetValue<int>().Should().Be(1);

        var published = (await HttpJson.ReadAsync(await SaveAsync(_designer, draft, publish: true), HttpStatusCode.OK))["workflowDefinition"]!.AsObject();
        published["isPublished"]!.GetValue<bool>().Should().BeTrue();
        var v1Json = (await RowsAsync(definitionId)).Single().Json;

        published["description"] = "third";
        var v2 = (await HttpJson.ReadAsync(await SaveAsync(_designer, published, publish: false), HttpStatusCode.Created))["workflowDefinition"]!.AsObject();
        v2["version"]!.GetValue<int>().Should().Be(2);
        v2["id"]!.GetValue<string>().Should().NotBe(v1["id"]!.GetValue<string>());
        var rows = await RowsAsync(definitionId);
        rows.Select(r => (r.Version, r.IsLatest, r.IsPublished)).Should().Equal((1, false, true), (2, true, false));
        rows[0].Json.Should().Be(v1Json, "a published version is never changed");

        var again = (await HttpJson.ReadAsync(await SaveAsync(_designer, v2, publish: true), HttpStatusCode.OK))["workflowDefinition"]!.AsObject();
        again["version"]!.GetValue<int>().Should().Be(2);
        (await RowsAsync(definitionId)).Select(r => (r.Version, r.IsLatest, r.IsPublished)).Should().Equal((1, false, false), (2, true, true));
        (await HttpJson.GetAsync(_designer, $"{Api}/by-id/{v1["id"]}"))["description"]!.GetValue<string>().Should().Be("second draft", "an instance may still read its version by id");

        var unchanged = await HttpJson.ReadAsync(await SaveAsync(_designer, again, publish: true), HttpStatusCode.OK);
        unchanged["alreadyPublished"]!.GetValue<bool>().Should().BeTrue();
        (await RowsAsync(definitionId)).Should().HaveCount(2);
        (await AuditAsync(definitionId)).Select(e => e.Action).Should().Equal(AuditActions.DefinitionDraftSaved, AuditActions.DefinitionDraftSaved,
            AuditActions.DefinitionPublished, AuditActions.DefinitionDraftSaved, AuditActions.DefinitionPublished);
    }

    [Fact]
    public async Task StaleBase_Issue11_TheSecondDesignersSaveIsRefusedAsStale_OwnSavesNeverAre_AndTheAuditListsBoth()
    {
        using var second = await _factory.CookieClientAsync("admin");
        var first = await LoadAsync(_designer, "restaurant-opening");
        var other = await LoadAsync(second, "restaurant-opening");

        SetTimeLimit(first, "review-fire", "12");
        var saved = (await HttpJson.ReadAsync(await SaveAsync(_designer, first, publish: false), HttpStatusCode.Created))["workflowDefinition"]!.AsObject();
        SetTimeLimit(other, "review-fire", "6");
        var stale = await SaveAsync(second, other, publish: false);

        // A 409 on the wire (docs/adr/0014-studio-saves.md, "Revised"); the host page hands the Studio 3.8.2 this one answer as a 400.
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        stale.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await HttpJson.ProblemAsync(stale);
        problem["status"]!.GetValue<int>().Should().Be(409);
        problem["type"]!.GetValue<string>().Should().EndWith("/conflict");
        problem["detail"]!.GetValue<string>().Should().Contain("另一位设计人员已保存了更新的版本").And.Contain("Another designer saved a newer version");
        problem["code"]!.GetValue<string>().Should().Be("definition.stale");
        // The Studio shows only the messages under "errors".
        problem["errors"]!["definition"]![0]!.GetValue<string>().Should().Be(problem["detail"]!.GetValue<string>());

        // The first designer's auto-saves go on from each answer: never a conflict with themselves.
        SetTimeLimit(saved, "review-fire", "13");
        saved = (await HttpJson.ReadAsync(await SaveAsync(_designer, saved, publish: false), HttpStatusCode.OK))["workflowDefinition"]!.AsObject();
        SetTimeLimit(saved, "review-fire", "14");
        await HttpJson.ReadAsync(await SaveAsync(_designer, saved, publish: false), HttpStatusCode.OK);
        // A stale draft of the same version (the first designer's answer before the last save) is refused too.
        (await SaveAsync(second, first, publish: false)).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var reloaded = await LoadAsync(second, "restaurant-opening");
        SetTimeLimit(reloaded, "review-fire", "6");
        await HttpJson.ReadAsync(await SaveAsync(second, reloaded, publish: false), HttpStatusCode.OK);

        var audit = await HttpJson.GetAsync(_designer, $"{Api}/restaurant-opening/audit");
        audit["items"]!.AsArray().Select(e => (e!["actor"]!.GetValue<string>(), e["action"]!.GetValue<string>())).Should().Equal(
            ("admin", AuditActions.DefinitionDraftSaved), ("designer", AuditActions.DefinitionDraftSaved), ("designer", AuditActions.DefinitionDraftSaved),
            ("designer", AuditActions.DefinitionDraftSaved));
        var rows = await RowsAsync("restaurant-opening");
        rows.Should().HaveCount(2);
        TimeLimit(JsonNode.Parse(rows[1].Json)!.AsObject(), "review-fire").Should().Be("6");
    }

    [Fact]
    public async Task Menus_Issue11_PublishRetractAndDelete_AndWhatIsNotSupportedIs400WithAMessage()
    {
        var created = await CreateAsync(_designer, "Saves menus");
        var definitionId = created["definitionId"]!.GetValue<string>();
        // An empty flowchart has no Start: the menu's publish runs the full validation too.
        var refused = await _designer.PostAsync($"{Api}/{definitionId}/publish", null);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await HttpJson.ProblemAsync(refused))["errors"]!["publish"].Should().NotBeNull();

        var sample = await LoadAsync(_designer, "fork-join-sample");
        created["root"] = sample["root"]!.DeepClone();
        await HttpJson.ReadAsync(await SaveAsync(_designer, created, publish: false), HttpStatusCode.OK);
        var published = await HttpJson.PostAsync(_designer, $"{Api}/{definitionId}/publish", null);
        published["workflowDefinition"]!["isPublished"]!.GetValue<bool>().Should().BeTrue();

        var retracted = await HttpJson.PostAsync(_designer, $"{Api}/{definitionId}/retract", null);
        retracted["isPublished"]!.GetValue<bool>().Should().BeFalse();
        Rels(retracted).Should().Contain("publish");
        (await RowsAsync(definitionId)).Should().OnlyContain(r => !r.IsPublished);
        var again = await _designer.PostAsync($"{Api}/{definitionId}/retract", null);
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await HttpJson.ProblemAsync(again))["detail"]!.GetValue<string>().Should().Contain("no published version");

        var inUse = await _designer.DeleteAsync($"{Api}/restaurant-opening");
        inUse.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await HttpJson.ProblemAsync(inUse))["detail"]!.GetValue<string>().Should().Contain("restaurant-opening").And.Contain("cannot be deleted");
        (await RowsAsync("restaurant-opening")).Should().NotBeEmpty();

        (await _designer.DeleteAsync($"{Api}/{definitionId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await RowsAsync(definitionId)).Should().BeEmpty();
        (await _designer.DeleteAsync($"{Api}/{definitionId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await AuditAsync(definitionId)).Select(e => e.Action).Should().Equal(AuditActions.DefinitionDraftSaved, AuditActions.DefinitionDraftSaved,
            AuditActions.DefinitionPublished, AuditActions.DefinitionRetracted, AuditActions.DefinitionDeleted);

        foreach (var (method, pattern, action, _) in Server.Features.Designer.StudioDefinitionWrites.Unsupported)
        {
            var url = "/elsa/api" + pattern.Replace("{definitionId}", "restaurant-opening").Replace("{versionId}", "x").Replace("{version}", "1");
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method == "GET" ? null : new StringContent("{}", Encoding.UTF8, "application/json") };
            var response = await _designer.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{method} {url}");
            (await HttpJson.ProblemAsync(response))["detail"]!.GetValue<string>().Should().Contain("Not supported here: " + action).And.Contain("不支持");
        }
    }

    [Fact]
    public async Task Retract_Issue11_IsRefusedNamingTheItems_WhileAServiceItemUsesTheFlow_AndAllowedOnceNoneDoes()
    {
        // restaurant-opening is the flow of the demo's service item restaurant-opening: retracting it would stop its applications.
        var refused = await _designer.PostAsync($"{Api}/restaurant-opening/retract", null);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await HttpJson.ProblemAsync(refused);
        problem["code"]!.GetValue<string>().Should().Be(Application.Definitions.RetractDefinition.InUseCode);
        var message = problem["detail"]!.GetValue<string>();
        message.Should().Contain("事项 restaurant-opening").And.Contain("不能撤回").And.Contain("service item(s) restaurant-opening").And.Contain("cannot be retracted");
        // The Studio shows only the messages under "errors".
        problem["errors"]![""]![0]!.GetValue<string>().Should().Be(message);
        (await RowsAsync("restaurant-opening")).Should().ContainSingle().Which.IsPublished.Should().BeTrue("nothing was retracted");
        (await AuditAsync("restaurant-opening")).Should().BeEmpty();

        // The twin: the same flow under a definition id no service item names is retracted.
        var copy = await CreateAsync(_designer, "Saves retract twin");
        var definitionId = copy["definitionId"]!.GetValue<string>();
        copy["root"] = (await LoadAsync(_designer, "restaurant-opening"))["root"]!.DeepClone();
        await HttpJson.ReadAsync(await SaveAsync(_designer, copy, publish: true), HttpStatusCode.OK);
        var retracted = await HttpJson.PostAsync(_designer, $"{Api}/{definitionId}/retract", null);
        retracted["isPublished"]!.GetValue<bool>().Should().BeFalse();
        (await RowsAsync(definitionId)).Should().OnlyContain(r => !r.IsPublished);
        (await AuditAsync(definitionId)).Select(e => e.Action).Should().EndWith(AuditActions.DefinitionRetracted);
    }

    [Fact]
    public async Task RecordedSaveRequest_Issue11_IsRefusedNamingItsUnknownTypes_AndStoresWithOurReviewType()
    {
        // A copy of ../shared/design/elsa-studio-recorded/save-request-fork-join.json: the Studio's save of a fork/join flowchart.
        var recorded = await File.ReadAllTextAsync(Path.Combine(RepositoryFolders.Root, "tests", "OneStop.Workflows.IntegrationTests", "Designer", "Recorded", "save-request-fork-join.json"));
        var refused = await _designer.PostAsync(Api, new StringContent(recorded, Encoding.UTF8, "application/json"));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await HttpJson.ProblemAsync(refused))["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo("$.model.root.activities[2].type", "$.model.root.activities[3].type", "$.model.root.activities[6].type");
        (await RowsAsync("wf1")).Should().BeEmpty();

        var request = JsonNode.Parse(recorded.Replace("GovApproval.DepartmentReview", "OneStop.DepartmentReview", StringComparison.Ordinal))!.AsObject();
        var stored = await HttpJson.ReadAsync(await _designer.PostAsync(Api, new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json")), HttpStatusCode.Created);

        var definition = stored["workflowDefinition"]!.AsObject();
        definition["definitionId"]!.GetValue<string>().Should().Be("wf1");
        var read = await HttpJson.GetAsync(_designer, $"{Api}/by-definition-id/wf1?versionOptions=Latest");
        JsonNode.DeepEquals(read["root"], request["model"]!["root"]).Should().BeTrue("the flowchart is stored as the Studio sent it (metadata, vertices, inputs)");
        StudioClients.NullCollections(read).Should().BeEmpty();
    }

    [Fact]
    public async Task UnsupportedConstructs_Issue11_Are400NamingTheJsonPath_AndStoreNothing()
    {
        var model = await LoadAsync(_designer, "restaurant-opening");
        var before = await RowsAsync("restaurant-opening");
        var cases = new (string Path, Action<JsonObject> Break)[]
        {
            ("$.model.root.activities[0].type", m => m["root"]!["activities"]![0]!["type"] = "Elsa.NoSuchActivity"),
            ("$.model.root.type", m => m["root"]!["type"] = "Elsa.Sequence"),
            ("$.model.variables", m => m["variables"] = new JsonArray(new JsonObject { ["name"] = "x" })),
            ("$.model.inputs", m => m["inputs"] = new JsonArray(new JsonObject { ["name"] = "x" })),
            ("$.model.root.activities[3].timeLimitWorkingDays.expression.type", m => m["root"]!["activities"]![3]!["timeLimitWorkingDays"]!["expression"]!["type"] = "JavaScript"),
            ("$.model.root.activities[1].type", m => m["root"]!["activities"]![1]!["type"] = "Elsa.Flowchart"),
        };

        foreach (var (path, breakIt) in cases)
        {
            var broken = (JsonObject)model.DeepClone();
            breakIt(broken);
            var response = await SaveAsync(_designer, broken, publish: false);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, path);
            (await HttpJson.ProblemAsync(response))["errors"]!.AsObject().Select(e => e.Key).Should().Contain(path);
        }

        (await RowsAsync("restaurant-opening")).Select(r => r.Json).Should().Equal(before.Select(r => r.Json));
    }

    [Fact]
    public async Task BadInput_Issue11_Is400_AndChangesNothing()
    {
        var model = await LoadAsync(_designer, "restaurant-opening");
        var tooMany = (JsonObject)model.DeepClone();
        var activities = tooMany["root"]!["activities"]!.AsArray();
        for (var i = 0; i < Engine.Definitions.DefinitionLimits.DefaultMaxActivities; i++)
        {
            activities.Add(new JsonObject { ["id"] = $"x{i}", ["type"] = "Elsa.End", ["version"] = 1 });
        }

        var named = (JsonObject)model.DeepClone();
        named["name"] = "bad\u0001name";
        var bodies = new[]
        {
            "", "{", "[]", "null", "42", """{"model":null}""", """{"publish":true}""", """{"model":[]}""", """{"model":{},"publish":"yes"}""",
            """{"model":{"root":"x"}}""", new JsonObject { ["model"] = named }.ToJsonString(), new JsonObject { ["model"] = tooMany }.ToJsonString(),
        };
        var before = await RowsAsync("restaurant-opening");

        foreach (var body in bodies)
        {
            var response = await _designer.PostAsync(Api, new StringContent(body, Encoding.UTF8, "application/json"));
            ((int)response.StatusCode).Should().Be(400, body.Length > 100 ? body[..100] : body);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        (await RowsAsync("restaurant-opening")).Select(r => r.Json).Should().Equal(before.Select(r => r.Json));
        (await AuditAsync("restaurant-opening")).Should().BeEmpty();
    }

    [Fact]
    public async Task Writes_Issue11_Are401Anonymous_And403ForSupervisorsAndOtherStaff()
    {
        var model = await LoadAsync(_designer, "restaurant-opening");
        using var anonymous = _factory.AnonymousClient();
        using var supervisor = await _factory.CookieClientAsync("supervisor");
        using var clerk = await _factory.CookieClientAsync("clerk.market");

        (await SaveAsync(anonymous, model, false)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        foreach (var client in new[] { supervisor, clerk })
        {
            (await SaveAsync(client, model, false)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.PostAsync($"{Api}/restaurant-opening/publish", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.PostAsync($"{Api}/restaurant-opening/retract", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.DeleteAsync($"{Api}/fork-join-sample")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await client.GetAsync($"{Api}/restaurant-opening/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        (await RowsAsync("restaurant-opening")).Should().ContainSingle().Which.IsPublished.Should().BeTrue();
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, JsonObject model, bool? publish) =>
        client.PostAsync(Api, new StringContent(new JsonObject { ["model"] = model.DeepClone(), ["publish"] = publish }.ToJsonString(), Encoding.UTF8, "application/json"));

    private static async Task<JsonObject> CreateAsync(HttpClient client, string name)
    {
        var create = new JsonObject { ["id"] = null, ["definitionId"] = null, ["name"] = name, ["root"] = new JsonObject { ["type"] = "Elsa.Flowchart", ["activities"] = new JsonArray() } };
        return (await HttpJson.ReadAsync(await SaveAsync(client, create, null), HttpStatusCode.Created))["workflowDefinition"]!.AsObject();
    }

    private static Task<JsonObject> LoadAsync(HttpClient client, string definitionId) =>
        HttpJson.GetAsync(client, $"{Api}/by-definition-id/{definitionId}?versionOptions=Latest");

    /// <summary>A Department review as the Studio drops it: no inputs (<paramref name="department"/> null) or only a department.</summary>
    private static JsonObject Review(string id, JsonObject model, string? department)
    {
        var review = new JsonObject
        {
            ["id"] = id, ["nodeId"] = $"{model["root"]!["nodeId"]}:{id}", ["name"] = "Review9", ["type"] = "OneStop.DepartmentReview", ["version"] = 1,
            ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 400, ["y"] = 600 } } },
        };
        if (department is not null)
        {
            review["department"] = new JsonObject { ["typeName"] = null, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = department } };
        }

        return review;
    }

    private static JsonObject Activity(JsonObject model, string id) => model["root"]!["activities"]!.AsArray().Select(a => a!.AsObject()).Single(a => a["id"]!.GetValue<string>() == id);

    private static void SetTimeLimit(JsonObject model, string id, string days) =>
        Activity(model, id)["timeLimitWorkingDays"]!["expression"]!["value"] = days;

    private static string TimeLimit(JsonObject model, string id) => Activity(model, id)["timeLimitWorkingDays"]!["expression"]!["value"]!.GetValue<string>();

    private static List<string> Rels(JsonObject definition) => definition["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>()).ToList();

    private async Task<List<WorkflowDefinitionRow>> RowsAsync(string definitionId)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        return await db.Definitions.AsNoTracking().Where(r => r.DefinitionId == definitionId).OrderBy(r => r.Version).ToListAsync();
    }

    private async Task<List<AuditEvent>> AuditAsync(string definitionId)
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        return (await db.AuditEvents.AsNoTracking().Where(e => e.Subject == definitionId && e.Action.StartsWith("Definition")).ToListAsync())
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToList();
    }
}

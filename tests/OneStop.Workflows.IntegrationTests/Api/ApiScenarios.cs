using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Api;

/// <summary>
/// The HTTP API, end to end, against a real database (one base class, one subclass per store).
/// <see cref="Client"/> is signed in as <c>designer</c> (the runtime routes need <c>Policies.Design</c>).
/// </summary>
public abstract class ApiScenarios : IAsyncLifetime
{
    private OneStopApiFactory _factory = null!;

    /// <summary>Signed in as <c>designer</c>.</summary>
    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Not signed in.</summary>
    protected HttpClient Anonymous { get; private set; } = null!;

    protected abstract Task<OneStopApiFactory> CreateFactoryAsync();

    public async Task InitializeAsync()
    {
        _factory = await CreateFactoryAsync();
        Client = await _factory.CreateClientAsAsync("designer");
        Anonymous = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task SaveDefinition_Returns201AndKeepsDesignerMetadata_WhenValid()
    {
        var model = Sample("api-save");

        var response = await PostJson("/api/workflow-definitions", model.ToJsonString());

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var saved = await HttpJson.BodyAsync(response);
        saved["definitionId"]!.GetValue<string>().Should().Be("api-save");
        saved["version"]!.GetValue<int>().Should().Be(1);
        saved["id"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        var loaded = await HttpJson.BodyAsync(await Client.GetAsync("/api/workflow-definitions/api-save"));
        JsonNode.DeepEquals(loaded["root"], model["root"]).Should().BeTrue("the designer's layout and unknown properties must survive");
        loaded["isPublished"]!.GetValue<bool>().Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(BadDefinitions.Cases), MemberType = typeof(BadDefinitions))]
    public async Task SaveDefinition_Returns400NamingTheJsonPath_AndStoresNothing(string kind, string body, string path, string code)
    {
        var response = await PostJson("/api/workflow-definitions?publish=true", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, kind);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await HttpJson.BodyAsync(response);
        problem["problems"]!.AsArray().Select(p => (p!["path"]!.GetValue<string>(), p["code"]!.GetValue<string>()))
            .Should().Contain((path, code));
        problem["errors"]!.AsObject().ContainsKey(path).Should().BeTrue();
        (await Client.GetAsync($"/api/workflow-definitions/{BadDefinitions.DefinitionId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ForkJoin_FinishesOnlyAfterAllThreeResumes_WithOneJoinCompletion()
    {
        var started = await Start("fork-join-sample");
        started["status"]!.GetValue<string>().Should().Be("Waiting");
        var bookmarks = started["bookmarks"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()).ToList();
        bookmarks.Should().HaveCount(3);
        var id = started["instanceId"]!.GetValue<string>();

        var statuses = new List<string>();
        foreach (var bookmark in bookmarks)
        {
            var resumed = await Resume(id, bookmark, "key-" + bookmark);
            resumed.StatusCode.Should().Be(HttpStatusCode.OK);
            statuses.Add((await HttpJson.BodyAsync(resumed))["status"]!.GetValue<string>());
        }

        statuses.Should().Equal("Waiting", "Waiting", "Finished");
        var instance = await HttpJson.BodyAsync(await Client.GetAsync($"/api/workflow-instances/{id}"));
        var journal = instance["journal"]!.AsArray();
        journal.Count(e => e!["activityId"]?.GetValue<string>() == "join" && e["event"]!.GetValue<string>() == "Completed").Should().Be(1);
        journal.Select(e => e!["sequence"]!.GetValue<long>()).Should().Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i));
        instance["bookmarks"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Resume_ReturnsFirstAnswerAndChangesNothing_WhenKeyRepeated()
    {
        var started = await Start("fork-join-sample");
        var id = started["instanceId"]!.GetValue<string>();
        var bookmark = started["bookmarks"]![0]!["id"]!.GetValue<string>();

        var first = await HttpJson.BodyAsync(await Resume(id, bookmark, "same-key"));
        var journalAfterFirst = (await HttpJson.BodyAsync(await Client.GetAsync($"/api/workflow-instances/{id}")))["journal"]!.AsArray().Count;
        var again = await Resume(id, bookmark, "same-key");

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode.DeepEquals(await HttpJson.BodyAsync(again), first).Should().BeTrue();
        (await HttpJson.BodyAsync(await Client.GetAsync($"/api/workflow-instances/{id}")))["journal"]!.AsArray().Count.Should().Be(journalAfterFirst);
        (await Resume(id, bookmark, "other-key")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the bookmark is consumed");
    }

    [Fact]
    public async Task Resume_Returns409_WhenKeyReusedForAnotherBookmark()
    {
        var started = await Start("fork-join-sample");
        var id = started["instanceId"]!.GetValue<string>();
        var bookmarks = started["bookmarks"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()).ToList();

        (await Resume(id, bookmarks[0], "k1")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Resume(id, bookmarks[1], "k1")).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("[]", "JSON object")]
    [InlineData("{\"input\":{}}", "idempotencyKey")]
    [InlineData("{\"input\":5,\"idempotencyKey\":\"k\"}", "'input'")]
    public async Task Resume_Returns400AndChangesNothing_WhenBodyIsBad(string body, string mentions)
    {
        var started = await Start("fork-join-sample");
        var id = started["instanceId"]!.GetValue<string>();
        var bookmark = started["bookmarks"]![0]!["id"]!.GetValue<string>();

        var response = await PostJson($"/api/workflow-instances/{id}/bookmarks/{bookmark}/resume", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await HttpJson.BodyAsync(response))["detail"]!.GetValue<string>().Should().Contain(mentions);
        (await HttpJson.BodyAsync(await Client.GetAsync($"/api/workflow-instances/{id}")))["bookmarks"]!.AsArray().Should().HaveCount(3);
    }

    [Fact]
    public async Task UnknownInstanceOrBookmark_Returns404()
    {
        var started = await Start("fork-join-sample");
        var id = started["instanceId"]!.GetValue<string>();

        (await Client.GetAsync($"/api/workflow-instances/{Guid.NewGuid():N}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Client.GetAsync("/api/workflow-instances/not-a-guid")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Resume(id, Guid.NewGuid().ToString("N"), "k")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Client.PostAsync("/api/workflow-definitions/no-such-definition/instances", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StartInstance_Returns409_WhenOnlyADraftExists()
    {
        (await PostJson("/api/workflow-definitions", Sample("draft-only").ToJsonString())).StatusCode.Should().Be(HttpStatusCode.Created);

        var response = await Client.PostAsync("/api/workflow-definitions/draft-only/instances", null);

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OversizedBody_Returns413_AndStoresNothing()
    {
        var model = Sample("too-big");
        model["description"] = new string('x', 1024 * 1024);

        var response = await PostJson("/api/workflow-definitions", model.ToJsonString());

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await HttpJson.BodyAsync(response))["type"]!.GetValue<string>().Should().EndWith("payload-too-large");
        (await Client.GetAsync("/api/workflow-definitions/too-big")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OversizedChunkedBody_Returns413()
    {
        var model = Sample("too-big-chunked");
        model["description"] = new string('x', 1024 * 1024);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(model.ToJsonString())));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-definitions") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Health_ReportsTheDatabase()
    {
        var health = await HttpJson.BodyAsync(await Anonymous.GetAsync("/health"));

        health["status"]!.GetValue<string>().Should().Be("Healthy");
        health["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Should().Contain("database");
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheRoutes()
    {
        var document = await HttpJson.BodyAsync(await Anonymous.GetAsync("/openapi/v1.json"));

        document["paths"]!.AsObject().Select(p => p.Key).Should().Contain(
        [
            "/api/workflow-definitions",
            "/api/workflow-definitions/{definitionId}",
            "/api/workflow-definitions/{definitionId}/instances",
            "/api/workflow-instances/{instanceId}",
            "/api/workflow-instances/{instanceId}/bookmarks/{bookmarkId}/resume",
        ]);
    }

    public static TheoryData<string, string> RuntimeRoutes => new()
    {
        { "POST", "/api/workflow-definitions" },
        { "GET", "/api/workflow-definitions/fork-join-sample" },
        { "POST", "/api/workflow-definitions/fork-join-sample/instances" },
        { "GET", $"/api/workflow-instances/{Guid.NewGuid():N}" },
        { "POST", $"/api/workflow-instances/{Guid.NewGuid():N}/bookmarks/{Guid.NewGuid():N}/resume" },
    };

    [Theory]
    [MemberData(nameof(RuntimeRoutes))]
    public async Task RuntimeRoutes_Return401ProblemDetails_WhenAnonymous(string method, string url)
    {
        var response = await Send(Anonymous, method, url);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Select(h => h.Scheme).Should().Contain("Bearer");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await HttpJson.BodyAsync(response))["status"]!.GetValue<int>().Should().Be(401);
    }

    [Theory]
    [MemberData(nameof(RuntimeRoutes))]
    public async Task RuntimeRoutes_Return403ProblemDetails_WhenRoleIsNotDesign(string method, string url)
    {
        using var reviewer = await _factory.CreateClientAsAsync("reviewer.fire");

        var response = await Send(reviewer, method, url);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await HttpJson.BodyAsync(response))["status"]!.GetValue<int>().Should().Be(403);
    }

    [Fact]
    public async Task RuntimeRoutes_AreOpenToTheAdministrator()
    {
        using var admin = await _factory.CreateClientAsAsync("admin");

        (await admin.GetAsync("/api/workflow-definitions/fork-join-sample")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.PostAsync("/api/workflow-definitions/fork-join-sample/instances", null)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string url) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = method == "POST" ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
        });

    protected static JsonObject Sample(string definitionId)
    {
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolders.Workflows, "fork-join-sample.json")))!.AsObject();
        model["definitionId"] = definitionId;
        model.Remove("id");
        return model;
    }

    protected async Task<JsonObject> Start(string definitionId)
    {
        var response = await Client.PostAsync($"/api/workflow-definitions/{definitionId}/instances", null);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return await HttpJson.BodyAsync(response);
    }

    protected Task<HttpResponseMessage> Resume(string instanceId, string bookmarkId, string key) =>
        Client.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/bookmarks/{bookmarkId}/resume", new { input = new { approved = true }, idempotencyKey = key });

    protected Task<HttpResponseMessage> PostJson(string url, string body) =>
        Client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Server.Hosting;
using OneStop.Workflows.Testing.Definitions;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Definitions;

/// <summary>
/// Issue 8, findings 4 and 17 and acceptance 6, through the real server: the caps refuse a 10,000-activity definition
/// with 400; duplicate fork branches, an empty fork and a join wired to itself are refused with their JSON paths; a
/// save interrupted by the client or by the server's shutdown ends without an error logged and stores nothing.
/// The server's catalogue has one extra test type, <see cref="InterruptingActivity"/>, to interrupt a save mid-compile.
/// </summary>
public abstract class DefinitionSaves_Issue8Scenarios : IAsyncLifetime
{
    private const string SavePath = "/api/workflow-definitions";
    private const int BodyLimit = 1024 * 1024;

    private readonly InterruptingActivity _interrupt = new();
    private readonly CapturedLogs _logs = new();
    private readonly RequestEnded _saveEnded = new(SavePath);
    private readonly CancellationTokenSource _stopping = new();
    private OneStopApiFactory _factory = null!;
    private WebApplicationFactory<Program> _server = null!;
    private HttpClient _client = null!;

    protected abstract Task<OneStopApiFactory> CreateFactoryAsync();

    public async Task InitializeAsync()
    {
        _factory = await CreateFactoryAsync();
        _server = _factory.WithWebHostBuilder(builder =>
        {
            builder.ConfigureLogging(logging => logging.AddProvider(_logs));
            builder.ConfigureTestServices(services =>
            {
                services.AddHttpContextAccessor();
                services.Replace(ServiceDescriptor.Singleton(ApprovalActivities.Catalogue().With([_interrupt])));
                services.AddSingleton<IStartupFilter>(_saveEnded);
                services.Replace(ServiceDescriptor.Singleton(new ServerStopping(_stopping.Token)));
            });
        });
        _client = await _server.CreateClientAsAsync("designer");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
        await _factory.DisposeAsync();
        _stopping.Dispose();
    }

    [Fact]
    public async Task SaveDefinition_Returns400NamingBothCaps_ForA10000ActivityDefinition()
    {
        var body = CompactChain.Build("huge", 10_000);
        Encoding.UTF8.GetByteCount(body).Should().BeLessThan(BodyLimit, "the caps must answer, not the body limit");

        var response = await Post(body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await HttpJson.BodyAsync(response);
        problem["type"]!.GetValue<string>().Should().EndWith("/invalid-definition");
        problem["problems"]!.AsArray().Select(p => (p!["path"]!.GetValue<string>(), p["code"]!.GetValue<string>())).Should().BeEquivalentTo(new[]
        {
            ("$.root.activities", "definition.activities.tooMany"),
            ("$.root.connections", "definition.connections.tooMany"),
        });
        problem["errors"]!["$.root.activities"]![0]!.GetValue<string>().Should().Contain("10,000 activities").And.Contain("at most 1,000");
        (await _client.GetAsync($"{SavePath}/huge")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, string, string, string> Finding17Cases() => new()
    {
        { "duplicate branch names", Sample(m => Activity(m, 1)["branches"]!["expression"]!["value"] = "[\"A\",\"B\",\"A\"]"),
            "$.root.activities[1].branches.expression.value", "fork.branch.duplicate", "listed more than once" },
        { "fork without branches", Sample(m => Activity(m, 1)["branches"]!["expression"]!["value"] = "[]"),
            "$.root.activities[1].branches.expression.value", "fork.branches.empty", "at least one branch" },
        { "join wired to itself", Sample(m => m["root"]!["connections"]!.AsArray().Add(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = "join", ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = "join", ["port"] = "In" },
            })),
            "$.root.connections[8].target.activity", "connection.self", "back into itself" },
    };

    [Theory]
    [MemberData(nameof(Finding17Cases))]
    public async Task SaveDefinition_Returns400WithThePathAndAClearMessage_AndStoresNothing(string kind, string body, string path, string code, string says)
    {
        var response = await Post(body, publish: true);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, kind);
        var problem = await HttpJson.BodyAsync(response);
        problem["problems"]!.AsArray().Should().Contain(p => p!["path"]!.GetValue<string>() == path && p["code"]!.GetValue<string>() == code
            && p["message"]!.GetValue<string>().Contains(says), kind);
        (await _client.GetAsync($"{SavePath}/issue8-bad")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SaveDefinition_EndsWithoutAnErrorLogged_AndStoresNothing_WhenTheClientGoesAwayMidCompile()
    {
        var logged = _logs.Entries.Count;
        var accessor = _server.Services.GetRequiredService<IHttpContextAccessor>();
        _interrupt.Arm(() => accessor.HttpContext!.Abort());

        var save = () => Post(Interrupted("client-gone"));

        await save.Should().ThrowAsync<Exception>("the server aborted the request, as when the client disconnects");
        var (status, escaped) = await _saveEnded.Outcome.WaitAsync(TimeSpan.FromSeconds(30));
        _interrupt.Interruptions.Should().Be(1);
        escaped.Should().BeNull("the exception handler ends an aborted request; nothing escapes to the host");
        status.Should().Be(StatusCodes.Status499ClientClosedRequest, "ASP.NET Core's exception handler answers an aborted request with 499 and logs it at Debug, not as an error");
        _logs.Entries.Skip(logged).Where(e => e.Level >= LogLevel.Error).Should().BeEmpty("an aborted save is not an error");
        (await _client.GetAsync($"{SavePath}/client-gone")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// The server's stopping signal (<see cref="ServerStopping"/>, the host's ApplicationStopping) is fired mid-compile
    /// by the test; the host itself is not stopped, because the in-memory test server, unlike Kestrel, does not let
    /// in-flight requests finish before the host is disposed.
    /// </summary>
    [Fact]
    public async Task SaveDefinition_Returns503_AndStoresNothing_WhenTheServerBeginsToShutDownMidCompile()
    {
        var logged = _logs.Entries.Count;
        _interrupt.Arm(_stopping.Cancel);

        var response = await Post(Interrupted("shutting-down"));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var problem = await HttpJson.BodyAsync(response);
        problem["type"]!.GetValue<string>().Should().EndWith("/shutting-down");
        problem["detail"]!.GetValue<string>().Should().Contain("not stored");
        _interrupt.Interruptions.Should().Be(1);
        _logs.Entries.Skip(logged).Where(e => e.Level >= LogLevel.Error).Should().BeEmpty();
        (await _client.GetAsync($"{SavePath}/shutting-down")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    // start ─▶ interrupt ─▶ w1 … w50 ─▶ end
    private static string Interrupted(string definitionId)
    {
        var builder = new FlowchartBuilder(definitionId).Start("start").Activity(InterruptingActivity.Type, "interrupt").Connect("start", "interrupt");
        var previous = "interrupt";
        for (var i = 1; i <= 50; i++)
        {
            builder.WriteLine($"w{i}", "step").Connect(previous, $"w{i}");
            previous = $"w{i}";
        }

        return builder.End("end").Connect(previous, "end").Build();
    }

    // fork-join-sample: activities [start, fork, r1, r3, join, end, r2]; connections
    // [start→fork, fork.A→r1, fork.B→r2, fork.C→r3, r1→join, r2→join, r3→join, join→end]
    private static string Sample(Action<JsonObject> change)
    {
        var model = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFolders.Workflows, "fork-join-sample.json")))!.AsObject();
        model["definitionId"] = "issue8-bad";
        model.Remove("id");
        change(model);
        return model.ToJsonString();
    }

    private static JsonObject Activity(JsonObject model, int index) => model["root"]!["activities"]![index]!.AsObject();

    private Task<HttpResponseMessage> Post(string body, bool publish = false) =>
        _client.PostAsync(publish ? SavePath + "?publish=true" : SavePath, new StringContent(body, Encoding.UTF8, "application/json"));
}

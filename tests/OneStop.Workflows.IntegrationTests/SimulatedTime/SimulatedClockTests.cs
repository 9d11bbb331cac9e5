using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime.Text;
using NodaTime;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.SimulatedTime;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.SimulatedTime;

/// <summary><c>Clock:Mode=Simulated</c> end to end on SQLite: <c>GET/POST /api/admin/clock</c>, refusals, listeners and audit.</summary>
public sealed class SimulatedClockTests : IAsyncLifetime
{
    private const string Start = "2025-09-26T09:00:00+08:00";
    private static readonly Instant StartInstant = Instant.FromUtc(2025, 9, 26, 1, 0);

    /// <summary>How far the running clock may move during one test on a slow machine.</summary>
    private static readonly Duration Slack = Duration.FromMinutes(1);

    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-clock-").FullName;
    private readonly List<SimulatedClockFactory> _factories = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Get_ShowsTheSimulatedClock_StartingAtClockStart_InTheCentresZone()
    {
        var admin = await NewServer().CreateClientAsAsync("admin");

        var clock = await HttpJson.ReadNodeAsync(await admin.GetAsync("/api/admin/clock"), HttpStatusCode.OK);

        clock["mode"]!.GetValue<string>().Should().Be("Simulated");
        clock["now"]!.GetValue<string>().Should().StartWith("2025-09-26T09:").And.EndWith("+08:00");
        NowUtc(clock).Should().BeInRange(StartInstant, StartInstant + Slack);
    }

    [Fact]
    public async Task Set_ThenGet_ShowsTheNewTime()
    {
        var admin = await NewServer().CreateClientAsAsync("admin");
        var target = Instant.FromUtc(2025, 10, 8, 6, 30);

        var answer = await HttpJson.ReadNodeAsync(await Post(admin, """{"now":"2025-10-08T14:30:00+08:00"}"""), HttpStatusCode.OK);
        var clock = await HttpJson.ReadNodeAsync(await admin.GetAsync("/api/admin/clock"), HttpStatusCode.OK);

        answer["mode"]!.GetValue<string>().Should().Be("Simulated");
        NowUtc(answer).Should().BeInRange(target, target + Slack);
        NowUtc(clock).Should().BeInRange(NowUtc(answer), target + Slack);
        clock["now"]!.GetValue<string>().Should().StartWith("2025-10-08T14:3").And.EndWith("+08:00");
    }

    [Theory]
    [InlineData("""{"now":"2025-10-08T06:30:00Z"}""")]
    [InlineData("""{"now":"2025-10-08T14:30+08:00"}""")]
    [InlineData("""{"now":"2025-10-08T14:30:00+08"}""")]
    [InlineData("""{"now":"2025-10-08T14:30:00.000+08:00"}""")]
    public async Task Set_AcceptsTheIsoForms(string body)
    {
        var admin = await NewServer().CreateClientAsAsync("admin");

        var answer = await HttpJson.ReadNodeAsync(await Post(admin, body), HttpStatusCode.OK);

        NowUtc(answer).Should().BeInRange(Instant.FromUtc(2025, 10, 8, 6, 30), Instant.FromUtc(2025, 10, 8, 6, 30) + Slack);
    }

    [Theory]
    [InlineData("P3D", 72 * 60)]
    [InlineData("PT2H", 2 * 60)]
    [InlineData("P1DT12H", 36 * 60)]
    [InlineData("PT90M", 90)]
    [InlineData("P1W", 7 * 24 * 60)]
    public async Task Advance_MovesTheClockOnByTheDuration_DaysAs24Hours(string advanceBy, int minutes)
    {
        var admin = await NewServer().CreateClientAsAsync("admin");
        var before = NowUtc(await HttpJson.ReadNodeAsync(await admin.GetAsync("/api/admin/clock"), HttpStatusCode.OK));

        var answer = await HttpJson.ReadNodeAsync(await Post(admin, $$"""{"advanceBy":"{{advanceBy}}"}"""), HttpStatusCode.OK);

        var expected = before + Duration.FromMinutes(minutes);
        NowUtc(answer).Should().BeInRange(expected, expected + Slack);
        NowUtc(await HttpJson.ReadNodeAsync(await admin.GetAsync("/api/admin/clock"), HttpStatusCode.OK)).Should().BeInRange(NowUtc(answer), expected + Slack);
    }

    [Theory]
    [InlineData("""{"now":"2025-09-25T09:00:00+08:00"}""", "now")]
    [InlineData("""{"now":"2025-09-26T08:59:00+08:00"}""", "now")]
    [InlineData("""{"advanceBy":"P-1D"}""", "advanceBy")]
    [InlineData("""{"advanceBy":"PT-1S"}""", "advanceBy")]
    [InlineData("""{"advanceBy":"P1DT-25H"}""", "advanceBy")]
    public async Task Backwards_Is400_AndTheTimeIsUnchanged(string body, string field)
    {
        var admin = await NewServer().CreateClientAsAsync("admin");

        var response = await Post(admin, body);

        var problem = await HttpJson.ReadNodeAsync(response, HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        problem["errors"]![field]!.AsArray().Single()!.GetValue<string>().Should().Match(m => m.Contains("backwards") || m.Contains("negative"));
        NowUtc(await HttpJson.ReadNodeAsync(await admin.GetAsync("/api/admin/clock"), HttpStatusCode.OK)).Should().BeInRange(StartInstant, StartInstant + Slack);
    }

    [Theory]
    [InlineData("""{}""", "now")]
    [InlineData("""{"now":"2025-10-08T14:30:00+08:00","advanceBy":"P3D"}""", "advanceBy")]
    [InlineData("""{"now":"2025-10-08T14:30:00"}""", "now")]
    [InlineData("""{"now":"8 October 2025"}""", "now")]
    [InlineData("""{"advanceBy":"3 days"}""", "advanceBy")]
    [InlineData("""{"advanceBy":"P1M"}""", "advanceBy")]
    [InlineData("""{"advanceBy":"P1Y"}""", "advanceBy")]
    [InlineData("""{"advanceBy":"P16000000D"}""", "advanceBy")]
    public async Task BadInput_Is400_NamingTheField(string body, string field)
    {
        var admin = await NewServer().CreateClientAsAsync("admin");

        var problem = await HttpJson.ReadNodeAsync(await Post(admin, body), HttpStatusCode.BadRequest);

        problem["errors"]!.AsObject().ContainsKey(field).Should().BeTrue(problem.ToJsonString());
        NowUtc(await HttpJson.ReadNodeAsync(await admin.GetAsync("/api/admin/clock"), HttpStatusCode.OK)).Should().BeInRange(StartInstant, StartInstant + Slack);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("""{"now":42}""")]
    public async Task MalformedBody_Is400(string body)
    {
        var admin = await NewServer().CreateClientAsAsync("admin");

        (await Post(admin, body)).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NonAdministrators_Get403_AndAnonymousCallers401()
    {
        var server = NewServer();
        var clerk = await server.CreateClientAsAsync("clerk.market");
        var supervisor = await server.CreateClientAsAsync("supervisor");
        var anonymous = server.CreateClient();

        (await clerk.GetAsync("/api/admin/clock")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Post(clerk, """{"advanceBy":"P3D"}""")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Post(supervisor, """{"advanceBy":"P3D"}""")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync("/api/admin/clock")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Post(anonymous, """{"advanceBy":"P3D"}""")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var admin = await server.CreateClientAsAsync("admin");
        NowUtc(await HttpJson.ReadNodeAsync(await admin.GetAsync("/api/admin/clock"), HttpStatusCode.OK)).Should().BeInRange(StartInstant, StartInstant + Slack);
    }

    [Fact]
    public async Task SystemMode_GetShowsTheSystemClock_AndPostIs409()
    {
        var server = NewServer(mode: "System");
        var admin = await server.CreateClientAsAsync("admin");
        var real = SystemClock.Instance.GetCurrentInstant();

        var clock = await HttpJson.ReadNodeAsync(await admin.GetAsync("/api/admin/clock"), HttpStatusCode.OK);
        var refused = await HttpJson.ReadNodeAsync(await Post(admin, """{"advanceBy":"P3D"}"""), HttpStatusCode.Conflict);

        clock["mode"]!.GetValue<string>().Should().Be("System");
        NowUtc(clock).Should().BeInRange(real - Slack, real + Slack);
        refused["detail"]!.GetValue<string>().Should().Contain("system clock").And.Contain("Clock:Mode=Simulated");
        server.Services.GetRequiredService<IClock>().Should().BeSameAs(SystemClock.Instance);
        server.Services.GetService<SimulatedClock>().Should().BeNull();
    }

    [Fact]
    public void SimulatedMode_RegistersOneClock_AsItselfAndAsIClock()
    {
        var server = NewServer();

        server.Services.GetRequiredService<IClock>().Should().BeSameAs(server.Services.GetRequiredService<SimulatedClock>());
    }

    [Fact]
    public void Production_WithSimulated_RefusesToStart()
    {
        var server = NewServer(environment: "Production");

        var start = () => server.CreateClient();

        start.Should().Throw<Exception>().Where(e => Describe(e).Contains("Clock:Mode=Simulated is refused in the Production environment"));
    }

    [Theory]
    [InlineData("Fake", null, "Clock:Mode='Fake' is not a clock mode")]
    [InlineData("Simulated", "next Tuesday", "Clock:Start='next Tuesday' is not an ISO-8601 date-time")]
    public void BadSettings_RefuseToStart(string mode, string? start, string message)
    {
        var server = new SimulatedClockFactory(ConnectionString(), mode, start: start ?? Start);
        _factories.Add(server);

        var run = () => server.CreateClient();

        run.Should().Throw<Exception>().Where(e => Describe(e).Contains(message));
    }

    [Fact]
    public async Task Listeners_AreAwaited_BeforeThePostAnswers()
    {
        var listener = new RecordingListener(TimeSpan.FromMilliseconds(300));
        var server = NewServer(configure: services => services.AddSingleton<IClockChangeListener>(listener));
        var admin = await server.CreateClientAsAsync("admin");

        await HttpJson.ReadNodeAsync(await Post(admin, """{"now":"2025-10-08T14:30:00+08:00"}"""), HttpStatusCode.OK);
        listener.Finished.Should().Equal(Instant.FromUtc(2025, 10, 8, 6, 30));

        await HttpJson.ReadNodeAsync(await Post(admin, """{"advanceBy":"P3D"}"""), HttpStatusCode.OK);
        listener.Finished.Should().HaveCount(2);
        listener.Finished[1].Should().BeInRange(Instant.FromUtc(2025, 10, 11, 6, 30), Instant.FromUtc(2025, 10, 11, 6, 30) + Slack);

        await HttpJson.ReadNodeAsync(await Post(admin, """{"advanceBy":"P-1D"}"""), HttpStatusCode.BadRequest);
        listener.Finished.Should().HaveCount(2, "a refused change changes nothing and sweeps nothing");
    }

    [Fact]
    public async Task AFailingListener_Is500_ButTheOthersStillRun_AndTheClockHasMoved()
    {
        var after = new RecordingListener(TimeSpan.Zero);
        var server = NewServer(configure: services =>
        {
            services.AddSingleton<IClockChangeListener>(new FailingListener());
            services.AddSingleton<IClockChangeListener>(after);
        });
        var admin = await server.CreateClientAsAsync("admin");

        var problem = await HttpJson.ReadNodeAsync(await Post(admin, """{"now":"2025-10-08T14:30:00+08:00"}"""), HttpStatusCode.InternalServerError);

        problem["detail"]!.GetValue<string>().Should().Contain("2025-10-08T14:30:00+08:00").And.Contain("PT0S");
        after.Finished.Should().Equal(Instant.FromUtc(2025, 10, 8, 6, 30));
        NowUtc(await HttpJson.ReadNodeAsync(await admin.GetAsync("/api/admin/clock"), HttpStatusCode.OK)).Should().BeGreaterThanOrEqualTo(Instant.FromUtc(2025, 10, 8, 6, 30));
    }

    [Fact]
    public async Task Changes_AreAudited_WithActorAndBeforeAfter_RefusalsAreNot()
    {
        var server = NewServer();
        var admin = await server.CreateClientAsAsync("admin");

        await HttpJson.ReadNodeAsync(await Post(admin, """{"now":"2025-10-08T14:30:00+08:00"}"""), HttpStatusCode.OK);
        await HttpJson.ReadNodeAsync(await Post(admin, """{"advanceBy":"P3D"}"""), HttpStatusCode.OK);
        await HttpJson.ReadNodeAsync(await Post(admin, """{"now":"2025-01-01T00:00:00+08:00"}"""), HttpStatusCode.BadRequest);

        await using var db = await server.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var events = (await db.AuditEvents.Where(e => e.Subject == "clock").ToListAsync()).OrderBy(e => e.At).ToList();
        events.Select(e => (e.Action, e.Actor)).Should().Equal((AuditActions.ClockSet, "admin"), (AuditActions.ClockAdvanced, "admin"));

        var set = JsonNode.Parse(events[0].Details!)!;
        ParseUtc(set["before"]).Should().BeInRange(StartInstant, StartInstant + Slack);
        ParseUtc(set["after"]).Should().Be(Instant.FromUtc(2025, 10, 8, 6, 30));
        events[0].At.Should().Be(Instant.FromUtc(2025, 10, 8, 6, 30));

        var advanced = JsonNode.Parse(events[1].Details!)!;
        advanced["advanceBy"]!.GetValue<string>().Should().Be("P3D");
        (ParseUtc(advanced["after"]) - ParseUtc(advanced["before"])).Should().Be(Duration.FromDays(3));
        ParseUtc(advanced["before"]).Should().BeGreaterThanOrEqualTo(Instant.FromUtc(2025, 10, 8, 6, 30));
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheClockRoutes()
    {
        var anonymous = NewServer().CreateClient();

        var document = await HttpJson.ReadNodeAsync(await anonymous.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var clock = document["paths"]!["/api/admin/clock"]!.AsObject();
        clock.Select(p => p.Key).Should().Contain(["get", "post"]);
    }

    private SimulatedClockFactory NewServer(string mode = "Simulated", string environment = "Testing", Action<IServiceCollection>? configure = null)
    {
        var factory = new SimulatedClockFactory(ConnectionString(), mode, environment, Start, configure);
        _factories.Add(factory);
        return factory;
    }

    private string ConnectionString() => $"Data Source={Path.Combine(_folder, $"onestop-{_factories.Count}.db")}";

    private static Task<HttpResponseMessage> Post(HttpClient client, string body) =>
        client.PostAsync("/api/admin/clock", new StringContent(body, Encoding.UTF8, "application/json"));

    private static Instant NowUtc(JsonNode clock) => ParseUtc(clock["nowUtc"]);

    private static Instant ParseUtc(JsonNode? text) => InstantPattern.ExtendedIso.Parse(text!.GetValue<string>()).GetValueOrThrow();

    private static string Describe(Exception e) => e.ToString();

    private sealed class RecordingListener(TimeSpan delay) : IClockChangeListener
    {
        private readonly ConcurrentQueue<Instant> _finished = new();

        /// <summary>The instants of the calls that have completed (after the delay).</summary>
        public IReadOnlyList<Instant> Finished => [.. _finished];

        public async Task ClockChangedAsync(Instant now, CancellationToken ct)
        {
            await Task.Delay(delay, ct);
            _finished.Enqueue(now);
        }
    }

    private sealed class FailingListener : IClockChangeListener
    {
        public Task ClockChangedAsync(Instant now, CancellationToken ct) => throw new InvalidOperationException("sweep failed");
    }
}

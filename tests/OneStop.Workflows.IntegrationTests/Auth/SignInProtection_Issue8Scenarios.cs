using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.IntegrationTests.Auth;

/// <summary>
/// Issue 8, finding 3 (acceptance 4): account lockout after consecutive failures, and the sign-in rate limits per client
/// address and per user name → 429 with <c>Retry-After</c>. The real limiter reads the server's fake clock: the tests move
/// the clock, they never sleep.
/// </summary>
public abstract class SignInProtection_Issue8Scenarios : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _servers = [];

    protected abstract Task<OneStopApiFactory> CreateFactoryAsync(IReadOnlyDictionary<string, string?>? settings);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers.AsEnumerable().Reverse())
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Lockout_RefusesTheRightPassword_After20WrongOnes_UntilTheLockoutEnds()
    {
        var factory = await StartAsync(null); // the defaults: 10 failures lock for 15 minutes
        var log = new WarningLog();
        var server = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(log)));
        _servers.Add(server);
        using var client = server.CreateClient();

        for (var i = 0; i < 20; i++)
        {
            var wrong = await Token(client, "reviewer.fire", $"wrong-{i}");
            wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"attempt {i + 1}");
        }

        var during = await Token(client, "reviewer.fire", DemoUsers.Password);
        during.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is locked");
        var wrongProblem = await ProblemWithoutTraceId(await Token(client, "designer", "wrong"));
        JsonNode.DeepEquals(await ProblemWithoutTraceId(during), wrongProblem).Should().BeTrue("a locked account answers like a wrong password");
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { userName = "reviewer.fire", password = DemoUsers.Password }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the cookie sign-in is locked too");

        factory.Clock.Advance(Duration.FromMinutes(14));
        (await Token(client, "reviewer.fire", DemoUsers.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "14 of 15 minutes");
        factory.Clock.Advance(Duration.FromMinutes(1));
        (await Token(client, "reviewer.fire", DemoUsers.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the lockout has ended");

        log.Warnings.Should().ContainSingle(w => w.Contains("locked until") && w.Contains("reviewer.fire"));
        await using var db = await server.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var lockouts = await db.AuditEvents.AsNoTracking().Where(e => e.Action == AuditActions.AccountLockedOut).ToListAsync();
        lockouts.Should().ContainSingle().Which.Subject.Should().Be("reviewer.fire");
        lockouts[0].Details.Should().Contain("\"failures\":10");
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.SignInFailed && e.Details!.Contains("locked-out")))
            .Should().Be(10 + 1 + 1 + 1, "attempts 11-20, the right password, the cookie and the 14th minute were refused as locked out");
        (await db.SignInLockouts.AnyAsync(l => l.UserName == "reviewer.fire")).Should().BeFalse("a success starts the count again");
    }

    [Fact]
    public async Task Lockout_CountsOnlyConsecutiveFailures()
    {
        var factory = await StartAsync(new Dictionary<string, string?> { ["SignIn:LockoutFailures"] = "3", ["SignIn:LockoutMinutes"] = "5" });
        using var client = factory.CreateClient();

        await Fail(client, "head.fire", 2);
        (await Token(client, "head.fire", DemoUsers.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
        await Fail(client, "head.fire", 2);
        (await Token(client, "head.fire", DemoUsers.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "2 + 2 failures with a success between never reach 3");

        await Fail(client, "head.fire", 3);
        (await Token(client, "head.fire", DemoUsers.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "3 in a row lock");
        (await Token(client, "head.police", DemoUsers.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "only that user name is locked");
        factory.Clock.Advance(Duration.FromMinutes(5));
        (await Token(client, "head.fire", DemoUsers.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Lockout_LooksTheSame_ForAnUnknownUserName()
    {
        var factory = await StartAsync(new Dictionary<string, string?> { ["SignIn:LockoutFailures"] = "3" });
        using var client = factory.CreateClient();

        await Fail(client, "nobody", 3);
        await Fail(client, "designer", 3);

        JsonNode.DeepEquals(await ProblemWithoutTraceId(await Token(client, "nobody", "x")), await ProblemWithoutTraceId(await Token(client, "designer", DemoUsers.Password)))
            .Should().BeTrue("a locked unknown name and a locked real account answer alike");
        await using var db = await Db(factory);
        (await db.AuditEvents.CountAsync(e => e.Action == AuditActions.AccountLockedOut)).Should().Be(2);
    }

    [Fact]
    public async Task RateLimit_Returns429WithRetryAfter_PerUserName()
    {
        var factory = await StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:SignInPerUserName:PermitLimit"] = "3", ["RateLimits:SignInPerUserName:WindowSeconds"] = "60",
        });
        var server = factory.WithClientAddresses();
        _servers.Add(server);
        using var first = server.CreateClientFrom("10.0.0.1");
        using var second = server.CreateClientFrom("10.0.0.2");

        (await Token(first, "supervisor", "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Token(second, "supervisor", "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Token(first, "supervisor", "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var limited = await Token(second, "supervisor", DemoUsers.Password);
        await ShouldBeTooManyRequests(limited, 60);
        await ShouldBeTooManyRequests(await first.PostAsJsonAsync("/api/auth/sign-in", new { userName = "supervisor", password = DemoUsers.Password }), 60);
        (await Token(first, "designer", DemoUsers.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "another user name has its own budget");

        factory.Clock.Advance(Duration.FromSeconds(45));
        await ShouldBeTooManyRequests(await Token(first, "supervisor", DemoUsers.Password), 15);
        factory.Clock.Advance(Duration.FromSeconds(15));
        (await Token(first, "supervisor", DemoUsers.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "a new window has begun");

        await using var db = await Db(factory);
        (await db.AuditEvents.CountAsync(e => e.Subject == "supervisor")).Should().Be(4, "refused requests never reached the password check");
    }

    [Fact]
    public async Task RateLimit_Returns429WithRetryAfter_PerClientAddress()
    {
        var factory = await StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:SignInPerClient:PermitLimit"] = "3", ["RateLimits:SignInPerClient:WindowSeconds"] = "120",
        });
        var server = factory.WithClientAddresses();
        _servers.Add(server);
        using var attacker = server.CreateClientFrom("192.0.2.7");
        using var colleague = server.CreateClientFrom("192.0.2.8");

        (await Token(attacker, "designer", "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Token(attacker, "supervisor", "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await attacker.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "garbage" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await ShouldBeTooManyRequests(await Token(attacker, "admin", DemoUsers.Password), 120);
        await ShouldBeTooManyRequests(await attacker.PostAsJsonAsync("/api/auth/sign-in", new { userName = "admin", password = DemoUsers.Password }), 120);
        await ShouldBeTooManyRequests(await attacker.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "garbage" }), 120);
        (await Token(colleague, "admin", DemoUsers.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "another address has its own budget");

        factory.Clock.Advance(Duration.FromSeconds(119));
        await ShouldBeTooManyRequests(await Token(attacker, "admin", DemoUsers.Password), 1);
        factory.Clock.Advance(Duration.FromSeconds(1));
        (await Token(attacker, "admin", DemoUsers.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("RateLimits:SignInPerClient:PermitLimit", "0")]
    [InlineData("RateLimits:ProgressQueryPerCaseNumber:WindowSeconds", "-1")]
    [InlineData("SignIn:LockoutFailures", "0")]
    [InlineData("SignIn:LockoutMinutes", "0")]
    public async Task Settings_BelowOne_StopTheServerNamingTheSetting(string key, string value)
    {
        var factory = await StartAsync(new Dictionary<string, string?> { [key] = value });

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(key.Split(':')[0]);
    }

    private async Task<OneStopApiFactory> StartAsync(IReadOnlyDictionary<string, string?>? settings)
    {
        var factory = await CreateFactoryAsync(settings);
        _servers.Add(factory);
        return factory;
    }

    private static Task<HttpResponseMessage> Token(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { userName, password });

    private static async Task Fail(HttpClient client, string userName, int times)
    {
        for (var i = 0; i < times; i++)
        {
            (await Token(client, userName, "wrong")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    internal static async Task ShouldBeTooManyRequests(HttpResponseMessage response, int retryAfterSeconds)
    {
        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(retryAfterSeconds));
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["type"]!.GetValue<string>().Should().Be(ProblemTypes.TooManyRequests);
        problem["status"]!.GetValue<int>().Should().Be(429);
    }

    private static async Task<OneStopDbContext> Db(OneStopApiFactory factory) =>
        await factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();

    private static async Task<JsonObject> ProblemWithoutTraceId(HttpResponseMessage response)
    {
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        problem.Remove("traceId");
        return problem;
    }
}

/// <summary>Collects the server's warnings (the lockout's log line).</summary>
internal sealed class WarningLog : ILoggerProvider
{
    public ConcurrentQueue<string> Warnings { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(WarningLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                log.Warnings.Enqueue(formatter(state, exception));
            }
        }
    }
}

/// <summary>The sign-in protection on PostgreSQL (production), a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSignInProtection_Issue8Tests(PostgresServerFixture postgres) : SignInProtection_Issue8Scenarios
{
    protected override async Task<OneStopApiFactory> CreateFactoryAsync(IReadOnlyDictionary<string, string?>? settings) =>
        new("PostgreSql", await postgres.Server.CreateDatabaseAsync(), settings);
}

/// <summary>The sign-in protection on the embedded default (SQLite file in a temp folder).</summary>
public sealed class SqliteSignInProtection_Issue8Tests : SignInProtection_Issue8Scenarios, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-signin-").FullName;
    private int _databases;

    protected override Task<OneStopApiFactory> CreateFactoryAsync(IReadOnlyDictionary<string, string?>? settings) =>
        Task.FromResult(new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, $"onestop-{++_databases}.db")}", settings));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

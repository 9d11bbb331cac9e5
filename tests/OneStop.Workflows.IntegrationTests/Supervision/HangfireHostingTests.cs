using System.Net;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.Supervision;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>Hangfire as the executor on the embedded default (SQLite + in-memory storage): the recurring sweep and the dashboard.</summary>
public sealed class HangfireHostingTests : IDisposable
{
    /// <summary>
    /// Supervision on as in production (Hangfire storage, server, recurring sweep every 30 s and dashboard), for tests of
    /// the Hangfire wiring itself: they never wait for a job to run.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> SupervisionOn = new Dictionary<string, string?>
    {
        ["Supervision:Enabled"] = "true",
        ["Supervision:SweepIntervalSeconds"] = "30",
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-hangfire-").FullName;

    [Fact]
    public async Task Hangfire_OnSqlite_UsesMemoryStorage_SchedulesTheSweep_AndTheDashboardIsForAdministratorsOnly()
    {
        await using var factory = new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "onestop.db")}", SupervisionOn);
        var admin = await factory.CreateClientAsAsync("admin");

        var storage = factory.Services.GetRequiredService<JobStorage>();
        storage.Should().BeOfType<InMemoryStorage>();
        using (var connection = storage.GetConnection())
        {
            var sweep = connection.GetRecurringJobs().Should().ContainSingle(j => j.Id == DeadlineSweepJob.RecurringJobId).Subject;
            sweep.Cron.Should().Be("*/30 * * * * *", "a six-field (seconds) cron: every 30 s");
            sweep.Job.Type.Should().Be(typeof(DeadlineSweepJob));
        }

        // The job itself, run directly as Hangfire would (never waited for).
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DeadlineSweepJob>().RunAsync(CancellationToken.None);
        }

        (await admin.GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await factory.CreateClientAsAsync("reviewer.market")).GetAsync("/hangfire")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await factory.CreateClientAsAsync("supervisor")).GetAsync("/hangfire/recurring")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var anonymous = await factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/hangfire");
        anonymous.StatusCode.Should().BeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.Redirect], "an anonymous browser is sent to sign in");
        if (anonymous.StatusCode == HttpStatusCode.Redirect)
        {
            anonymous.Headers.Location!.ToString().Should().Contain("sign-in");
        }

        (await admin.GetAsync("/api/supervision/signals")).StatusCode.Should().Be(HttpStatusCode.OK, "the routes work on SQLite too");
        (await admin.GetAsync("/api/supervision/alerts")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync("/api/supervision/figures?from=2025-01-01&to=2025-12-31&groupBy=serviceItem")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void HangfireStorage_WhenPostgreSqlIsUnreachable_SaysWhatToCheck()
    {
        var services = new ServiceCollection()
            .AddSingleton(new OneStopDatabaseOptions(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Port=1;Database=onestop;Username=onestop;Password=x;Timeout=3"))
            .BuildServiceProvider();

        var create = () => HangfireStorage.Create(services);

        create.Should().Throw<InvalidOperationException>()
            .WithMessage("Hangfire could not prepare its storage (schema 'hangfire') on PostgreSQL 127.0.0.1:1/onestop*ConnectionStrings:OneStop*Supervision:Enabled=false*");
    }

    [Theory]
    [InlineData(30, "*/30 * * * * *")]
    [InlineData(1, "*/1 * * * * *")]
    [InlineData(60, "* * * * *")]
    [InlineData(300, "*/5 * * * *")]
    [InlineData(3600, "0 * * * *")]
    public void SweepInterval_BecomesACron(int seconds, string cron) =>
        Options(("Supervision:SweepIntervalSeconds", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))).SweepCron.Should().Be(cron);

    [Theory]
    [InlineData("7")]
    [InlineData("90")]
    [InlineData("0")]
    [InlineData("thirty")]
    public void SweepInterval_ThatNoCronCanKeep_StopsTheServer(string value)
    {
        var read = () => Options(("Supervision:SweepIntervalSeconds", value));
        read.Should().Throw<InvalidOperationException>().WithMessage("Supervision:SweepIntervalSeconds*");
    }

    [Fact]
    public void Enabled_DefaultsToTrue()
    {
        Options().Enabled.Should().BeTrue();
        Options(("Supervision:Enabled", "false")).Enabled.Should().BeFalse();
        Options(("Supervision:Enabled", "true")).Enabled.Should().BeTrue();
        Options().SweepIntervalSeconds.Should().Be(30);
        Options().Workers.Should().Be(2);
    }

    [Fact]
    public void TestServers_TurnSupervisionOff_Explicitly()
    {
        OneStopApiFactory.DefaultSettings.Should().Contain("Supervision:Enabled", "false");
        using var factory = new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "off.db")}");

        factory.Services.GetRequiredService<SupervisionOptions>().Enabled.Should().BeFalse();
        factory.Services.GetService<JobStorage>().Should().BeNull("no Hangfire is registered");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static SupervisionOptions Options(params (string Key, string Value)[] settings) =>
        SupervisionOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());
}

/// <summary>Hangfire.PostgreSql in schema <c>hangfire</c> of the OneStop database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HangfirePostgresTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Hangfire_OnPostgreSql_CreatesSchemaHangfire_AndKeepsTheSweepThere()
    {
        var connectionString = await postgres.Server.CreateDatabaseAsync();
        await using (var factory = new OneStopApiFactory("PostgreSql", connectionString, HangfireHostingTests.SupervisionOn))
        {
            (await (await factory.CreateClientAsAsync("admin")).GetAsync("/hangfire/recurring")).StatusCode.Should().Be(HttpStatusCode.OK);
            factory.Services.GetRequiredService<JobStorage>().Should().BeOfType<PostgreSqlStorage>();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT value FROM hangfire.hash WHERE key = 'recurring-job:deadline-sweep' AND field = 'Cron'", connection);
        (await command.ExecuteScalarAsync()).Should().Be("*/30 * * * * *");
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Server.Features.Staff;
using OneStop.Workflows.Server.Hosting;
using static OneStop.Workflows.IntegrationTests.Staff.StaffClients;
using OneStop.Workflows.Testing.Http;

namespace OneStop.Workflows.IntegrationTests.Staff;

/// <summary>
/// Issue 8, findings 1 and 2 (acceptance 2): in Production a fresh database gets no demo user, the start-up log says how
/// to create the first administrator, the <c>create-admin</c> verb (run in-process, as <c>dotnet run -- create-admin</c>
/// runs it) works once and is refused the second time, on PostgreSQL and SQLite; the seed turned on in Production stops the server.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FirstAdministrator_Issue8Tests(PostgresServerFixture postgres) : IDisposable
{
    private const string Password = "Granite-Kettle-Sunrise-7";
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-admin-").FullName;

    [Fact]
    public async Task ProductionOnAFreshPostgresDatabase_HasNoDemoUser_AndLogsHowToCreateTheFirstAdministrator_ThenTheVerbWorksOnce()
    {
        var connection = await postgres.Server.CreateDatabaseAsync();
        await using (var server = new ProductionServerFactory("PostgreSql", connection))
        {
            using var anonymous = server.CreateClient();
            (await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = DemoUsers.Password }))
                .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            await using var db = await server.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
            (await db.Users.CountAsync()).Should().Be(0);
            (await db.Departments.CountAsync()).Should().Be(0, "without the demo seed administrators create the departments");
            server.Log.Should().Contain(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("create-admin --user NAME"));
        }

        await RunOnceThenRefusedAsync(["--Database:Provider=PostgreSql", $"--ConnectionStrings:OneStop={connection}"]);

        await using var again = new ProductionServerFactory("PostgreSql", connection);
        using var chief = await SignedInAsync(again, "chief", Password);
        var me = await HttpJson.ReadAsync(await chief.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        me["role"]!.GetValue<string>().Should().Be("Administrator");
        me["mustChangePassword"]!.GetValue<bool>().Should().BeFalse("the operator chose this password");
        await HttpJson.ReadAsync(await chief.PostAsJsonAsync("/api/admin/departments", new { code = "market", chineseName = "市场监督管理局", englishName = "Market regulation" }),
            HttpStatusCode.Created);
        again.Log.Should().NotContain(line => line.Contains("create-admin --user NAME"), "an administrator exists now");
        (await AuditAsync(again, "chief")).Should().ContainSingle(e => e.Action == AuditActions.AdministratorCreated)
            .Which.Actor.Should().Be(SystemActor.Cli);
    }

    [Fact]
    public async Task TheVerb_OnAFreshSqliteFile_MigratesIt_WorksOnce_AndIsRefusedTheSecondTime()
    {
        var connection = $"Data Source={Path.Combine(_folder, "fresh.db")}";

        await RunOnceThenRefusedAsync(["--Database:Provider=Sqlite", $"--ConnectionStrings:OneStop={connection}"]);

        await using var server = new ProductionServerFactory("Sqlite", connection);
        using var chief = await SignedInAsync(server, "chief", Password);
        (await HttpJson.ReadAsync(await chief.GetAsync("/api/auth/me"), HttpStatusCode.OK))["displayName"]!.GetValue<string>().Should().Be("主任 Chief");
    }

    [Fact]
    public async Task TheVerb_ReadsThePasswordFromTheEnvironmentVariable_AndAppliesThePasswordRules()
    {
        string[] database = ["--Database:Provider=Sqlite", $"--ConnectionStrings:OneStop=Data Source={Path.Combine(_folder, "env.db")}"];

        var weak = await RunAsync(["create-admin", "--user", "chief", .. database], stdin: "", environment: "password123");
        weak.Code.Should().Be(2, weak.Error);
        weak.Error.Should().Contain("most common");
        var noUser = await RunAsync(["create-admin", .. database], stdin: Password);
        noUser.Code.Should().Be(2);
        noUser.Error.Should().Contain("--user NAME is required");
        var noPassword = await RunAsync(["create-admin", "--user", "chief", .. database], stdin: "");
        noPassword.Code.Should().Be(2);
        noPassword.Error.Should().Contain(ServerCommands.PasswordVariable);

        var created = await RunAsync(["create-admin", "--user", "chief", .. database], stdin: "ignored-because-the-variable-wins", environment: Password);
        created.Code.Should().Be(0, created.Error);
        await using var server = new ProductionServerFactory("Sqlite", database[1].Split('=', 2)[1]);
        await TokenAsync(server, "chief", Password);
    }

    [Fact]
    public void ProductionWithTheDemoSeedTurnedOn_RefusesToStart_WithAMessage()
    {
        using var server = new ProductionServerFactory("Sqlite", $"Data Source={Path.Combine(_folder, "seeded.db")}",
            new Dictionary<string, string?> { ["Seed:DemoCentre"] = "true" });

        var start = () => server.CreateClient();

        start.Should().Throw<Exception>().Where(e => Describe(e).Contains("Seed:DemoCentre=true is refused in the Production environment"));
        File.Exists(Path.Combine(_folder, "seeded.db")).Should().BeFalse("nothing was created");
    }

    [Fact]
    public async Task ProductionWithTheDemoSeedOff_OnADemoDatabase_KeepsWorking()
    {
        var connection = $"Data Source={Path.Combine(_folder, "demo.db")}";
        await using (var demo = new OneStopApiFactory("Sqlite", connection))
        {
            demo.CreateClient().Dispose();
        }

        await using var production = new ProductionServerFactory("Sqlite", connection);
        await TokenAsync(production, "admin", DemoUsers.Password);
        production.Log.Should().NotContain(line => line.Contains("create-admin --user NAME"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task RunOnceThenRefusedAsync(string[] database)
    {
        var first = await RunAsync(["create-admin", "--user", "chief", "--display-name", "主任 Chief", .. database, "--Supervision:Enabled=false"], stdin: Password + "\n");
        first.Code.Should().Be(0, first.Error);
        first.Output.Should().Contain("Administrator 'chief' created");

        var second = await RunAsync(["create-admin", "--user", "deputy", .. database, "--Supervision:Enabled=false"], stdin: Password + "\n");
        second.Code.Should().Be(1, second.Output);
        second.Error.Should().Contain("An active administrator already exists");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string[] args, string stdin, string? environment = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ServerCommands.RunAsync([.. args, "--environment=Production", $"--Workflows:Directory={RepositoryFolders.Workflows}"],
            new StringReader(stdin), output, error, name => name == ServerCommands.PasswordVariable ? environment : null);
        return (code, output.ToString(), error.ToString());
    }

    private static string Describe(Exception e) => e.InnerException is null ? e.Message : e.Message + " → " + Describe(e.InnerException);
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Authorization;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Server.Features.Catalogue;
using Xunit.Abstractions;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>
/// Issue 8 acceptance 1: every mapped route (<see cref="EveryRouteBadInput.Rows"/>; a route without a row fails) gets every family of
/// <see cref="BadInputFamilies"/>, as a caller its authorization lets through. Every answer is a 4xx ProblemDetails, never a 5xx, and
/// the whole database (<see cref="DatabaseSnapshot"/>: every table of the model) is unchanged afterwards. One server per provider.
/// </summary>
/// <remarks>
/// Anonymous sign-in routes write a <c>SignInFailed</c> audit row for wrong credentials by design; bad input never gets that far (it is
/// refused while the body is read), so nothing is excepted from the comparison — a <c>SignInFailed</c> row here means bad input reached
/// the credential check.
/// </remarks>
public abstract class EveryRouteBadInputTests(ITestOutputHelper output)
{
    protected abstract Task<OneStopApiFactory> CreateFactoryAsync();

    [Fact]
    public async Task EveryRoute_AnswersBadInputWith4xxProblem_AndChangesNothing()
    {
        await using var factory = await CreateFactoryAsync();
        await using var driver = new CaseDriver(factory);
        using var world = await AuthorizationWorld.BuildAsync(factory, driver);
        var bodies = await BaseBodiesAsync(driver);
        var before = await DatabaseSnapshot.TakeTablesAsync(factory);

        var failures = new List<string>();
        var sent = 0;
        foreach (var row in EveryRouteBadInput.Rows)
        {
            var url = world.Resolve(row.Url);
            var body = row.Body is null ? null : world.Resolve(bodies.Aggregate(row.Body, (text, b) => text.Replace($"<{b.Key}>", b.Value, StringComparison.Ordinal)));
            var client = world.ClientOf(row.Caller);
            foreach (var bad in BadInputFamilies.For(row, url, body))
            {
                sent++;
                using var request = new HttpRequestMessage(new HttpMethod(row.Method), bad.Url);
                if (bad.Body is not null)
                {
                    request.Content = new StringContent(bad.Body, Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var type = response.Content.Headers.ContentType?.MediaType;
                // A web UI page answers a person, not a program: its 4xx is the UI's page (HTML), not a ProblemDetails (issue 10).
                var page = !row.Route.StartsWith("/api", StringComparison.Ordinal) && type == "text/html";
                if (status is < 400 or >= 500 || (type != "application/problem+json" && !page))
                {
                    var text = await response.Content.ReadAsStringAsync();
                    failures.Add($"{row} — {bad.What}: {status} {type} {(text.Length > 300 ? text[..300] + "…" : text)}");
                }
            }
        }

        output.WriteLine($"{sent} bad requests to {EveryRouteBadInput.Rows.Count} routes; {failures.Count} failures.");
        failures.Should().BeEmpty($"every bad input gets a 4xx ProblemDetails ({failures.Count} of {sent} did not):\n" + string.Join('\n', failures.Take(60)));

        var after = await DatabaseSnapshot.TakeTablesAsync(factory);
        var changed = before.Keys.Union(after.Keys)
            .Where(t => !before.GetValueOrDefault(t, []).SequenceEqual(after.GetValueOrDefault(t, [])))
            .Select(t => $"{t}: +{after.GetValueOrDefault(t, []).Except(before.GetValueOrDefault(t, [])).FirstOrDefault()}")
            .ToList();
        changed.Should().BeEmpty("no refused request may change any table");

        // The snapshot is not blind: a wrong password (not bad input) is audited, and the snapshot sees the new row.
        using var wrong = await world.ClientOf("anonymous").PostAsJsonAsync("/api/auth/token", new { userName = "clerk.market", password = "not the password" });
        ((int)wrong.StatusCode).Should().Be(401);
        (await DatabaseSnapshot.TakeTablesAsync(factory)).Should().NotBeEquivalentTo(after);
        var tables = before.Keys.Select(k => k.Split('.')[^1]).ToList();
        tables.Should().Contain(["clocks", "supervision_signals", "supervision_alerts", "workflow_idempotency", "workflow_definitions", "calendar_years",
            "users", "data_protection_keys", "cases", "tasks", "audit_events"], "the snapshot covers every table of the model");
    }

    [Fact]
    public async Task EveryRoute_HasABadInputRow()
    {
        await using var factory = await CreateFactoryAsync();
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => (Method: method, Route: "/" + (e.RoutePattern.RawText ?? e.DisplayName ?? "?").TrimStart('/'))))
            .Distinct()
            .Where(m => !Ui.UiPlumbing.Is(m.Route))
            .ToList();
        var rows = EveryRouteBadInput.Rows.Select(r => (r.Method, r.Route)).ToList();

        var missing = mapped.Where(m => !rows.Any(r => Same(r.Route, m.Route) && (m.Method == "*" || r.Method == m.Method))).ToList();
        var stale = rows.Where(r => !mapped.Any(m => Same(m.Route, r.Route) && (m.Method == "*" || m.Method == r.Method))).ToList();

        mapped.Should().NotBeEmpty();
        missing.Should().BeEmpty("every mapped route needs a row in EveryRouteBadInput.Rows, e.g.\n" + string.Join('\n', missing.Select(m =>
            $"    new(\"{(m.Method == "*" ? "GET" : m.Method)}\", \"{m.Route}\", \"<a URL of it>\", \"<a demo user it lets through>\", <a base JSON body or null>),")));
        stale.Should().BeEmpty("every row must name a mapped route; unknown: " + string.Join(", ", stale.Select(r => $"{r.Method} {r.Route}")));
    }

    /// <summary>Bodies read from the server: the real food licence item (as an update, and as a new item) and the shipped national year 2025.</summary>
    private static async Task<Dictionary<string, string>> BaseBodiesAsync(CaseDriver driver)
    {
        var admin = await driver.As("admin");
        var item = (await admin.GetFromJsonAsync<JsonObject>("/api/service-items/food-business-licence"))!;
        var fields = typeof(OneStop.Workflows.Application.Catalogue.ServiceItemBody).GetProperties().Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).ToHashSet();
        foreach (var name in item.Select(p => p.Key).Where(k => !fields.Contains(k)).ToList())
        {
            item.Remove(name);
        }

        var newItem = item.DeepClone().AsObject();
        newItem["code"] = "bad-input-item";
        newItem.Remove("version");

        var year = (await admin.GetFromJsonAsync<JsonObject>("/api/calendar/2025"))!;
        var national = new JsonObject
        {
            ["restDays"] = year["restDays"]!.DeepClone(),
            ["makeUpWorkingDays"] = year["makeUpWorkingDays"]!.DeepClone(),
            ["source"] = year["source"]?.DeepClone(),
            ["reason"] = "bad input",
        };
        return new Dictionary<string, string>
        {
            ["item"] = item.ToJsonString(),
            ["newItem"] = newItem.ToJsonString(),
            ["nationalYear"] = national.ToJsonString(),
        };
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The bad-input test on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresEveryRouteBadInput_Issue8Tests(PostgresServerFixture postgres, ITestOutputHelper output) : EveryRouteBadInputTests(output)
{
    protected override async Task<OneStopApiFactory> CreateFactoryAsync() => new("PostgreSql", await postgres.Server.CreateDatabaseAsync());
}

/// <summary>The bad-input test on the embedded default, SQLite.</summary>
public sealed class SqliteEveryRouteBadInput_Issue8Tests(ITestOutputHelper output) : EveryRouteBadInputTests(output), IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-badinput-").FullName;

    protected override Task<OneStopApiFactory> CreateFactoryAsync() =>
        Task.FromResult(new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, $"onestop-{Guid.NewGuid():N}.db")}"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

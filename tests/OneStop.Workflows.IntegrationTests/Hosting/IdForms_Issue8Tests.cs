using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Cases;

namespace OneStop.Workflows.IntegrationTests.Hosting;

/// <summary>
/// Issue 8 finding 13: one id form everywhere. Every route returns case, task, instance and bookmark ids in the dashed
/// GUID form (.NET's default); input may be dashed or 32 hex digits. The documented rules hold: a window clerk submits
/// only items their department leads (403 elsewhere); decision idempotency keys are scoped to the task.
/// </summary>
public sealed class IdForms_Issue8Tests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-ids-").FullName;
    private OneStopApiFactory _factory = null!;
    private CaseDriver _driver = null!;

    public Task InitializeAsync()
    {
        _factory = new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "ids.db")}");
        _driver = new CaseDriver(_factory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryRoute_ReturnsDashedIds_AndAcceptsBothForms()
    {
        var (caseId, _, _) = await _driver.SubmitAsync("clerk.market", "food-business-licence");
        var detail = await _driver.CaseAsync(caseId);
        var task = (await _driver.TasksAsync(caseId, "Acceptance")).Single();
        var inbox = await CaseDriver.Json(await (await _driver.As("clerk.market")).GetAsync("/api/tasks"), HttpStatusCode.OK);
        var cases = await CaseDriver.Json(await (await _driver.As("supervisor")).GetAsync("/api/cases"), HttpStatusCode.OK);
        var designer = await _driver.As("designer");
        var instance = await CaseDriver.Json(await designer.PostAsync("/api/workflow-definitions/fork-join-sample/instances", null), HttpStatusCode.Created);

        var ids = new[]
        {
            caseId, detail["id"]!.GetValue<string>(), task["id"]!.GetValue<string>(), task["caseId"]!.GetValue<string>(),
            inbox["items"]![0]!["id"]!.GetValue<string>(), inbox["items"]![0]!["caseId"]!.GetValue<string>(), cases["items"]![0]!["id"]!.GetValue<string>(),
            instance["instanceId"]!.GetValue<string>(), instance["bookmarks"]![0]!["id"]!.GetValue<string>(),
        };
        ids.Should().OnlyContain(id => IsDashed(id), "one id form: the dashed GUID");

        var guid = Guid.Parse(caseId);
        foreach (var form in new[] { guid.ToString("D"), guid.ToString("N"), guid.ToString("D").ToUpperInvariant() })
        {
            (await _driver.CaseAsync(form))["id"]!.GetValue<string>().Should().Be(caseId, $"the case is found by {form}");
        }

        var taskN = Guid.Parse(task["id"]!.GetValue<string>()).ToString("N");
        var claimed = await (await _driver.As("clerk.market")).PostAsync($"/api/tasks/{taskN}/claim", null);
        claimed.StatusCode.Should().Be(HttpStatusCode.OK, "a task is found by its 32-hex form too");
        (await CaseDriver.Json(claimed, HttpStatusCode.OK))["id"]!.GetValue<string>().Should().Be(task["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubmitCase_AtAWindowThatDoesNotLeadTheItem_Is403()
    {
        // food-business-licence is led by market; the housing window may not receive it.
        var response = await (await _driver.As("clerk.housing")).PostAsJsonAsync("/api/cases", CaseDriver.Application("food-business-licence"));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CaseDriver.Json(response, HttpStatusCode.Forbidden))["detail"]!.GetValue<string>().Should().Contain("lead window (market)");
    }

    [Fact]
    public async Task DecisionKey_IsScopedToTheTask_SoTwoTasksOfACaseMayShareOne()
    {
        var caseId = await _driver.SubmitAndAcceptAsync("clerk.housing", "construction-permit");
        var reviews = await _driver.TasksAsync(caseId, "Review");
        reviews.Should().HaveCountGreaterThan(1, "the permit is reviewed by several departments");
        var review = reviews[0];
        var reviewer = $"reviewer.{review["department"]!.GetValue<string>()}";
        await CaseDriver.Json(await (await _driver.As(reviewer)).PostAsync($"/api/tasks/{review["id"]!.GetValue<string>()}/claim", null), HttpStatusCode.OK);

        var first = await _driver.DecideAsync(reviewer, review["id"]!.GetValue<string>(), "Approved", key: "shared-key");
        var again = await _driver.DecideAsync(reviewer, review["id"]!.GetValue<string>(), "Approved", key: "shared-key");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the same key on the same task returns the first answer");
        JsonNode.DeepEquals(JsonNode.Parse(await again.Content.ReadAsStringAsync()), JsonNode.Parse(await first.Content.ReadAsStringAsync())).Should().BeTrue();
        var other = reviews[1];
        var otherReviewer = $"reviewer.{other["department"]!.GetValue<string>()}";
        await CaseDriver.Json(await (await _driver.As(otherReviewer)).PostAsync($"/api/tasks/{other["id"]!.GetValue<string>()}/claim", null), HttpStatusCode.OK);
        var shared = await CaseDriver.Json(await _driver.DecideAsync(otherReviewer, other["id"]!.GetValue<string>(), "Approved", key: "shared-key"), HttpStatusCode.OK);
        shared["id"]!.GetValue<string>().Should().Be(other["id"]!.GetValue<string>(), "keys are per task: another task of the same case may use the same key");
        shared["status"]!.GetValue<string>().Should().Be("Decided");
    }

    private static bool IsDashed(string id) => Guid.TryParseExact(id, "D", out var guid) && guid.ToString("D") == id;

    public async Task DisposeAsync()
    {
        await _driver.DisposeAsync();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>Issue 10's window and inbox reads over HTTP: status codes, ProblemDetails naming the field, and the JSON shapes docs/api.md shows.</summary>
public sealed class WindowReadsHttp_Issue10Tests(PostgresServerFixture postgres, ITestOutputHelper output) : PostgresCaseTestBase(postgres)
{
    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string user, string url)
    {
        var client = user == "anonymous" ? Factory.CreateClient() : await Driver.As(user);
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        output.WriteLine($"GET {url} as {user} → {(int)response.StatusCode} {body}");
        return (response.StatusCode, body);
    }

    [Fact]
    public async Task Colleagues_OfAReviewTask()
    {
        var caseId = await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening");
        var fire = (await Driver.TasksAsync(caseId, "Review")).Single(t => t["department"]!.GetValue<string>() == "fire")["id"]!.GetValue<string>();

        var ok = await GetAsync("reviewer.fire", $"/api/tasks/{fire}/colleagues");
        var police = await GetAsync("reviewer.police", $"/api/tasks/{fire}/colleagues");
        var unknown = await GetAsync("reviewer.fire", $"/api/tasks/{Guid.NewGuid()}/colleagues");

        ok.Status.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(ok.Body)!["items"]!.AsArray().Select(c => $"{c!["userName"]} {c["role"]} {c["displayName"]}").Should()
            .Equal("head.fire DepartmentHead 消防部门负责人 Fire department head", "reviewer.fire Reviewer 消防审查人员 Fire reviewer");
        police.Status.Should().Be(HttpStatusCode.Forbidden);
        unknown.Status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ServiceItemsOfALeadDepartment_CasesToDeliver_AndProgressActions()
    {
        var (caseId, number, password) = await Driver.SubmitAsync("clerk.market", "food-business-licence");

        var items = await GetAsync("clerk.market", "/api/service-items?leadDepartment=market");
        var longDepartment = await GetAsync("clerk.market", "/api/service-items?leadDepartment=" + new string('d', 65));
        var toDeliver = await GetAsync("clerk.market", "/api/cases?deliveryStatus=notready");
        var badDelivery = await GetAsync("clerk.market", "/api/cases?deliveryStatus=Lost");
        var numeric = await GetAsync("clerk.market", "/api/cases?deliveryStatus=1");
        using var progressResponse = await CaseDriver.QueryProgressAsync(Factory.CreateClient(), number, password);
        var progress = await CaseDriver.Json(progressResponse, HttpStatusCode.OK);
        output.WriteLine(progress.ToJsonString());

        items.Status.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(items.Body)!["items"]!.AsArray().Select(i => i!["leadDepartment"]!.GetValue<string>()).Should().NotBeEmpty().And.OnlyContain(d => d == "market");
        longDepartment.Status.Should().Be(HttpStatusCode.BadRequest);
        JsonNode.Parse(longDepartment.Body)!["errors"]!.AsObject().Select(e => e.Key).Should().Equal("leadDepartment");
        toDeliver.Status.Should().Be(HttpStatusCode.OK);
        JsonNode.Parse(toDeliver.Body)!["items"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).Should().Equal(caseId);
        foreach (var bad in new[] { badDelivery, numeric })
        {
            bad.Status.Should().Be(HttpStatusCode.BadRequest);
            JsonNode.Parse(bad.Body)!["errors"]!.AsObject().Select(e => e.Key).Should().Equal("deliveryStatus");
        }

        progress["serviceItemName"]!.GetValue<string>().Should().Be("食品经营许可 Food business licence");
        progress["steps"]![0]!["action"]!.GetValue<string>().Should().Be("CaseSubmitted");
        progress["steps"]![0]!["text"]!.GetValue<string>().Should().Be("Application received 已收件");
    }

    [Fact]
    public async Task MyDesk_AnswersTheSectionsOfMyRole()
    {
        await Driver.SubmitAsync("clerk.market", "food-business-licence");

        var clerk = await GetAsync("clerk.market", "/api/me/desk");
        var head = await GetAsync("head.fire", "/api/me/desk");
        var supervisor = await GetAsync("supervisor", "/api/me/desk");
        var admin = await GetAsync("admin", "/api/me/desk");
        var anonymous = await GetAsync("anonymous", "/api/me/desk");

        JsonNode.Parse(clerk.Body)!.ToJsonString().Should().Be("""{"role":"WindowClerk","window":{"acceptanceWaiting":1,"awaitingCorrection":0,"toDeliver":0}}""");
        JsonNode.Parse(head.Body)!.ToJsonString().Should().Be("""{"role":"DepartmentHead","inbox":{"unassigned":0,"mine":0},"head":{"openSuspensions":0}}""");
        JsonNode.Parse(supervisor.Body)!.ToJsonString().Should().Be("""{"role":"Supervisor","supervision":{"unacknowledgedAlerts":0,"openYellowCards":0,"openRedCards":0}}""");
        JsonNode.Parse(admin.Body)!["administration"]!["serviceItems"]!.GetValue<int>().Should().BePositive();
        anonymous.Status.Should().Be(HttpStatusCode.Unauthorized);
    }
}

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
}

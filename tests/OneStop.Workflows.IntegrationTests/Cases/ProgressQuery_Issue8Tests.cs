using System.Net;
using System.Text.Json.Nodes;
using NodaTime;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Auth;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>
/// Issue 8, finding 9: the applicant's progress query takes the password in a POST body (the old GET, with the password
/// in the URL, answers 410 saying what to use) and is rate-limited per case number and per client address (fake clock).
/// </summary>
public sealed class ProgressQuery_Issue8Tests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimits:ProgressQueryPerCaseNumber:PermitLimit"] = "3",
        ["RateLimits:ProgressQueryPerCaseNumber:WindowSeconds"] = "60",
        ["RateLimits:ProgressQueryPerClient:PermitLimit"] = "5",
        ["RateLimits:ProgressQueryPerClient:WindowSeconds"] = "300",
    };

    [Fact]
    public async Task OldGet_Returns410_NamingThePostRoute()
    {
        var (_, number, password) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        using var anonymous = Factory.CreateClient();

        var old = await anonymous.GetAsync($"/api/public/cases/{number}?password={password}");

        old.StatusCode.Should().Be(HttpStatusCode.Gone);
        old.Headers.Location.Should().BeNull("no redirect: the password must leave the URL");
        old.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonNode.Parse(await old.Content.ReadAsStringAsync())!;
        problem["type"]!.GetValue<string>().Should().Be(ProblemTypes.Gone);
        problem["detail"]!.GetValue<string>().Should().Contain("POST /api/public/case-progress").And.NotContain(password);
        (await CaseDriver.QueryProgressAsync(anonymous, number, password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"number\":\"20250926-XXXXXX\"}")]
    [InlineData("{\"number\":5,\"password\":\"x\"}")]
    [InlineData("[")]
    public async Task Post_Returns400_WhenFieldsAreMissing(string body)
    {
        using var anonymous = Factory.CreateClient();

        var response = await anonymous.PostAsync("/api/public/case-progress", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Post_Returns429WithRetryAfter_PerCaseNumber()
    {
        var (_, number, password) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        var (_, otherNumber, otherPassword) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        var server = Factory.WithClientAddresses();
        using var guesser = server.CreateClientFrom("198.51.100.1");
        using var applicant = server.CreateClientFrom("198.51.100.2");

        for (var i = 0; i < 3; i++)
        {
            (await CaseDriver.QueryProgressAsync(guesser, number, $"guess{i}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        await SignInProtection_Issue8Scenarios.ShouldBeTooManyRequests(await CaseDriver.QueryProgressAsync(applicant, number, password), 60);
        (await CaseDriver.QueryProgressAsync(applicant, otherNumber, otherPassword)).StatusCode.Should().Be(HttpStatusCode.OK, "another case has its own budget");

        Factory.Clock.Advance(Duration.FromSeconds(60));
        (await CaseDriver.QueryProgressAsync(applicant, number, password)).StatusCode.Should().Be(HttpStatusCode.OK);
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Post_Returns429WithRetryAfter_PerClientAddress()
    {
        var server = Factory.WithClientAddresses();
        using var guesser = server.CreateClientFrom("203.0.113.9");
        using var neighbour = server.CreateClientFrom("203.0.113.10");

        for (var i = 0; i < 5; i++)
        {
            (await CaseDriver.QueryProgressAsync(guesser, $"20250926-GUESS{i}", "x")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        await SignInProtection_Issue8Scenarios.ShouldBeTooManyRequests(await CaseDriver.QueryProgressAsync(guesser, "20250926-GUESS9", "x"), 300);
        (await CaseDriver.QueryProgressAsync(neighbour, "20250926-GUESS9", "x")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        Factory.Clock.Advance(Duration.FromMinutes(4));
        await SignInProtection_Issue8Scenarios.ShouldBeTooManyRequests(await CaseDriver.QueryProgressAsync(guesser, "20250926-GUESS9", "x"), 60);
        Factory.Clock.Advance(Duration.FromMinutes(1));
        (await CaseDriver.QueryProgressAsync(guesser, "20250926-GUESS9", "x")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await server.DisposeAsync();
    }
}

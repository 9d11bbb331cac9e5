using System.Net;
using System.Net.Http.Json;
using NodaTime;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>一次性告知 before acceptance: the case waits; the corrections bring the task back; acceptance date = the day they arrived.</summary>
public sealed class CorrectionBeforeAcceptanceTests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task AcceptanceDate_IsTheDayCorrectionsArrived_WhenCorrectionsWereRequested()
    {
        Factory.Clock.Reset(Instant.FromUtc(2025, 9, 26, 1, 0)); // 09:00 in Shanghai, Friday 2025-09-26
        var (id, number, password) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        var task = (await Driver.TasksAsync(id, "Acceptance")).Single();

        await Driver.DecideOkAsync("clerk.market", task["id"]!.GetValue<string>(), "CorrectionRequested", "Two materials to fix",
            CaseDriver.Corrections(("Floor plan 平面图", "Not to scale"), ("Health certificates 健康证明", "Missing for two staff")));

        var waiting = await Driver.CaseAsync(id);
        waiting["status"]!.GetValue<string>().Should().Be("AwaitingCorrection");
        (await Driver.TasksAsync(id, "Acceptance")).Should().BeEmpty("the case waits for the applicant");
        var progress = await CaseDriver.Json(await CaseDriver.QueryProgressAsync(Factory.CreateClient(), number, password), HttpStatusCode.OK);
        progress["steps"]!.AsArray().Select(s => s!["text"]!.GetValue<string>()).Should().Contain(t => t.Contains("Floor plan") && t.Contains("Health certificates"),
            "the notice lists every item once");

        Factory.Clock.Reset(Instant.FromUtc(2025, 9, 29, 2, 0)); // Monday 2025-09-29 10:00 in Shanghai
        var corrected = await (await Driver.As("clerk.market")).PostAsJsonAsync($"/api/cases/{id}/corrections",
            new { materials = new[] { new { name = "Floor plan 平面图" }, new { name = "Health certificates 健康证明" } }, idempotencyKey = "corr-1" });
        var answer = await CaseDriver.Json(corrected, HttpStatusCode.OK);
        answer["status"]!.GetValue<string>().Should().Be("Received");
        var again = await (await Driver.As("clerk.market")).PostAsJsonAsync($"/api/cases/{id}/corrections",
            new { materials = new[] { new { name = "Floor plan 平面图" } }, idempotencyKey = "corr-1" });
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the same key again returns the first answer");

        var back = (await Driver.TasksAsync(id, "Acceptance")).Single();
        Factory.Clock.Reset(Instant.FromUtc(2025, 9, 30, 2, 0)); // accepted a day later
        await Driver.DecideOkAsync("clerk.market", back["id"]!.GetValue<string>(), "Accepted", "Complete now");

        var accepted = await Driver.CaseAsync(id);
        accepted["status"]!.GetValue<string>().Should().Be("InReview");
        accepted["acceptanceDate"]!.GetValue<string>().Should().Be("2025-09-29");
        accepted["receiptDate"]!.GetValue<string>().Should().Be("2025-09-26");
    }

    [Fact]
    public async Task AcceptanceDate_IsTheDecisionDay_WhenNoCorrectionsWereNeeded()
    {
        Factory.Clock.Reset(Instant.FromUtc(2025, 9, 26, 1, 0));
        var (id, _, _) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        Factory.Clock.Reset(Instant.FromUtc(2025, 9, 28, 1, 0));
        var task = (await Driver.TasksAsync(id, "Acceptance")).Single();

        await Driver.DecideOkAsync("clerk.market", task["id"]!.GetValue<string>(), "Accepted");

        (await Driver.CaseAsync(id))["acceptanceDate"]!.GetValue<string>().Should().Be("2025-09-28");
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Server.Features.Supervision;

namespace OneStop.Workflows.IntegrationTests.Clocks;

/// <summary>Deemed acceptance (Art. 32) and deemed consent fire on the right day and show in the timeline.</summary>
public sealed class DeemedDecisionTests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task Case_IsDeemedAccepted_AsOfTheReceiptDate_After5WorkingDaysWithoutDecision()
    {
        Factory.Clock.Reset(Instant.FromUtc(2025, 9, 26, 1, 0)); // Friday 2025-09-26 09:00 Shanghai
        var (id, _, _) = await Driver.SubmitAsync("clerk.market", "food-business-licence");

        Factory.Clock.Reset(Instant.FromUtc(2025, 10, 10, 15, 59)); // 2025-10-10 23:59: the fifth working day is not over
        await SweepAsync();
        (await Driver.CaseAsync(id))["status"]!.GetValue<string>().Should().Be("Received");

        Factory.Clock.Reset(Instant.FromUtc(2025, 10, 10, 16, 0)); // 2025-10-11T00:00+08:00
        await SweepAsync();
        await SweepAsync();

        var c = await Driver.CaseAsync(id);
        c["status"]!.GetValue<string>().Should().Be("InReview");
        c["acceptanceDate"]!.GetValue<string>().Should().Be("2025-09-26", "deemed acceptance dates from the receipt");
        var accepted = c["timeline"]!.AsArray().OfType<JsonObject>().Where(e => e["action"]!.GetValue<string>() == "CaseAccepted").ToList();
        accepted.Should().ContainSingle();
        accepted[0]["actor"]!.GetValue<string>().Should().Be("system");
        c["tasks"]!.AsArray().OfType<JsonObject>().Single(t => t["kind"]!.GetValue<string>() == "Acceptance")["decidedBy"]!.GetValue<string>().Should().Be("system");
    }

    [Fact]
    public async Task Case_IsNotDeemedAccepted_WhenACorrectionNoticeCameFirst()
    {
        Factory.Clock.Reset(Instant.FromUtc(2025, 9, 26, 1, 0));
        var (id, _, _) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        var task = (await Driver.TasksAsync(id, "Acceptance")).Single();
        await Driver.DecideOkAsync("clerk.market", task["id"]!.GetValue<string>(), "CorrectionRequested", "Fix", CaseDriver.Corrections(("Floor plan", "Missing")));

        Factory.Clock.Reset(Instant.FromUtc(2025, 10, 20, 1, 0));
        await SweepAsync();

        (await Driver.CaseAsync(id))["status"]!.GetValue<string>().Should().Be("AwaitingCorrection");
    }

    [Fact]
    public async Task SilentDepartment_IsDeemedToConsent_AfterItsDeemedConsentDays()
    {
        Factory.Clock.Reset(Instant.FromUtc(2025, 9, 26, 1, 0));
        var id = await Driver.SubmitAndAcceptAsync("clerk.drc", "investment-project-approval");
        var industry = (await Driver.TasksAsync(id, "Review")).Single(t => t["department"]!.GetValue<string>() == "industry");
        industry["deemedConsentDays"]!.GetValue<int>().Should().Be(7);

        Factory.Clock.Reset(Instant.FromUtc(2025, 10, 13, 15, 59)); // 2025-10-13 23:59: 7 WD from 09-26 end with 10-13
        await SweepAsync();
        (await Driver.TasksAsync(id, "Review")).Should().Contain(t => t["id"]!.GetValue<string>() == industry["id"]!.GetValue<string>());

        Factory.Clock.Reset(Instant.FromUtc(2025, 10, 13, 16, 0));
        await SweepAsync();

        var c = await Driver.CaseAsync(id);
        var decided = c["tasks"]!.AsArray().OfType<JsonObject>().Single(t => t["id"]!.GetValue<string>() == industry["id"]!.GetValue<string>());
        decided["status"]!.GetValue<string>().Should().Be("Decided");
        decided["outcome"]!.GetValue<string>().Should().Be("Approved");
        decided["decidedBy"]!.GetValue<string>().Should().Be("system");
        c["timeline"]!.AsArray().OfType<JsonObject>()
            .Should().Contain(e => e["action"]!.GetValue<string>() == "ReviewDecided" && e["details"]!.GetValue<string>().Contains("\"deemed\":true"));
        c["status"]!.GetValue<string>().Should().Be("InReview", "the other departments still review");
    }

    private Task SweepAsync() => Factory.Services.GetRequiredService<SupervisionSweep>().RunAsync(CancellationToken.None);
}

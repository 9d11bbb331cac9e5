using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.IntegrationTests.Cases;

/// <summary>What a department's refusal or return for correction does to the other reviews, per refusal policy.</summary>
public sealed class RefusalPolicyTests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task AllRequired_RefusalCancelsOtherReviews_AndRefusesTheCase()
    {
        var id = await Driver.SubmitAndAcceptAsync("clerk.housing", "construction-permit");
        var reviews = await Driver.TasksAsync(id, "Review");
        reviews.Should().HaveCountGreaterThan(1);
        var rejecting = reviews.First();
        var department = rejecting["department"]!.GetValue<string>();

        await Driver.DecideOkAsync($"reviewer.{department}", rejecting["id"]!.GetValue<string>(), "Rejected", "Fire exits insufficient 消防通道不足");

        var c = await Driver.CaseAsync(id);
        c["status"]!.GetValue<string>().Should().Be("Completed");
        c["decision"]!.GetValue<string>().Should().Be("Refused");
        c["decisionReasons"]!.GetValue<string>().Should().Contain("Fire exits insufficient");
        c["remedyRights"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
        var others = c["tasks"]!.AsArray().OfType<JsonObject>().Where(t => t["kind"]!.GetValue<string>() == "Review" && t["id"]!.GetValue<string>() != rejecting["id"]!.GetValue<string>()).ToList();
        others.Should().OnlyContain(t => t["status"]!.GetValue<string>() == "Cancelled");
        var other = others.First();
        var late = await Driver.DecideAsync($"reviewer.{other["department"]}", other["id"]!.GetValue<string>(), "Approved");
        late.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await NotificationsAsync(id, "Decision")).Should().Be(1);
    }

    [Fact]
    public async Task Independent_RefusalLetsOthersFinish_AndTheResultIsPartial()
    {
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "company-establishment");
        var reviews = await Driver.TasksAsync(id, "Review");
        reviews.Should().HaveCountGreaterThan(2);

        await Driver.DecideOkAsync($"reviewer.{reviews[0]["department"]}", reviews[0]["id"]!.GetValue<string>(), "Rejected", "Name already registered 名称重复");
        (await Driver.TasksAsync(id, "Review")).Should().HaveCount(reviews.Count - 1, "the other reviews stay open");
        (await Driver.CaseAsync(id))["status"]!.GetValue<string>().Should().Be("InReview");
        foreach (var review in reviews.Skip(1))
        {
            await Driver.DecideOkAsync($"reviewer.{review["department"]}", review["id"]!.GetValue<string>(), "Approved");
        }

        var c = await Driver.CaseAsync(id);
        c["status"]!.GetValue<string>().Should().Be("Completed");
        c["decision"]!.GetValue<string>().Should().Be("PartiallyApproved");
        c["tasks"]!.AsArray().OfType<JsonObject>().Where(t => t["kind"]!.GetValue<string>() == "Review")
            .Should().OnlyContain(t => t["status"]!.GetValue<string>() == "Decided");
    }

    [Fact]
    public async Task ReturnForCorrection_TwoDepartments_ProduceExactlyOneMergedNotice()
    {
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening");
        var reviews = await Driver.TasksAsync(id, "Review");
        reviews.Should().HaveCountGreaterThan(2);
        var (first, second, untouched) = (reviews[0], reviews[1], reviews[2]);

        await Driver.DecideOkAsync($"reviewer.{first["department"]}", first["id"]!.GetValue<string>(), "ReturnedForCorrection", "Plans incomplete",
            CaseDriver.Corrections(("Floor plan 平面图", "Missing fire exits")));
        await Driver.DecideOkAsync($"reviewer.{second["department"]}", second["id"]!.GetValue<string>(), "ReturnedForCorrection", "Drainage unclear",
            CaseDriver.Corrections(("Drainage permit 排水许可", "Expired")));

        var notices = await Driver.TasksAsync(id, "CorrectionNotice");
        notices.Should().ContainSingle("both departments' corrections merge into one notice for the lead window");
        (await NotificationsAsync(id, "CorrectionNotice")).Should().Be(0, "nothing is sent before the window issues the notice");
        await Driver.DecideOkAsync("clerk.market", notices[0]["id"]!.GetValue<string>(), "Issued", opinion: null);

        var sent = await NotificationTextsAsync(id, "CorrectionNotice");
        sent.Should().ContainSingle();
        sent[0].Should().Contain("Floor plan").And.Contain("Drainage permit");
        (await Driver.CaseAsync(id))["status"]!.GetValue<string>().Should().Be("AwaitingCorrection");
        var paused = await Driver.DecideAsync($"reviewer.{untouched["department"]}", untouched["id"]!.GetValue<string>(), "Approved");
        paused.StatusCode.Should().Be(HttpStatusCode.Conflict, "the other reviews pause while the applicant corrects");

        var corrected = await (await Driver.As("clerk.market")).PostAsJsonAsync($"/api/cases/{id}/corrections",
            new { materials = new[] { new { name = "Floor plan 平面图" }, new { name = "Drainage permit 排水许可" } }, idempotencyKey = Driver.NewKey() });
        await CaseDriver.Json(corrected, HttpStatusCode.OK);
        var open = await Driver.TasksAsync(id, "Review");
        open.Select(t => t["department"]!.GetValue<string>()).Should().Contain([first["department"]!.GetValue<string>(), second["department"]!.GetValue<string>(), untouched["department"]!.GetValue<string>()]);
        foreach (var review in open)
        {
            await Driver.DecideOkAsync($"reviewer.{review["department"]}", review["id"]!.GetValue<string>(), "Approved");
        }

        var c = await Driver.CaseAsync(id);
        c["status"]!.GetValue<string>().Should().Be("Completed");
        c["decision"]!.GetValue<string>().Should().Be("Approved");
        (await NotificationsAsync(id, "CorrectionNotice")).Should().Be(1);
    }

    private async Task<int> NotificationsAsync(string caseId, string kind) => (await NotificationTextsAsync(caseId, kind)).Count;

    private async Task<List<string>> NotificationTextsAsync(string caseId, string kind)
    {
        var contexts = Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var id = new Domain.Cases.CaseId(Guid.Parse(caseId));
        return await db.Notifications.Where(n => n.CaseId == id && n.Kind == kind).Select(n => n.Message).ToListAsync();
    }
}

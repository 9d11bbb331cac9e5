using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Testing;
using OneStop.Workflows.Testing.Http;
using static OneStop.Workflows.IntegrationTests.Clocks.ClockJson;

namespace OneStop.Workflows.IntegrationTests.Clocks;

/// <summary>Suspension and extension of a case's clock (issue 4 acceptance 4), on PostgreSQL with the fake clock.</summary>
public sealed class ClockOperationTests(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    [Fact]
    public async Task ExpertReviewSuspension_MovesStatutoryDueTo1106_AndNothingFiresWhileSuspended()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        Factory.Clock.Reset(CentreTime.At("2025-10-13T09:00"));
        await SweepAsync();
        var head = await Driver.As("head.market");

        var suspended = await HttpJson.ReadAsync(await head.PostAsJsonAsync($"/api/cases/{id}/suspensions",
            new { type = "ExpertReview", from = "2025-10-13", expectedWorkingDays = 5, notice = "Expert review of the kitchen design 专家评审" }), HttpStatusCode.OK);
        var suspensionId = suspended["suspensionId"]!.GetValue<string>();
        var firedBefore = await FiredAsync(id);

        Factory.Clock.Reset(CentreTime.At("2025-10-16T09:00"));
        (await SweepAsync()).Should().Be(0, "nothing fires while the clock is suspended");
        (await FiredAsync(id)).Should().BeEquivalentTo(firedBefore);

        Factory.Clock.Reset(CentreTime.At("2025-10-17T17:00"));
        var ended = await HttpJson.ReadAsync(await head.PostAsJsonAsync($"/api/cases/{id}/suspensions/{suspensionId}/end", new { to = "2025-10-17" }), HttpStatusCode.OK);
        var caseClock = ended["clocks"]!.AsArray().OfType<JsonObject>().Single(c => c["kind"]!.GetValue<string>() == "Case");
        caseClock["statutoryDue"]!.GetValue<string>().Should().Be("2025-11-06");
        var timeline = (await Driver.CaseAsync(id))["timeline"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToList();
        timeline.Should().Contain(["ClockSuspended", "SuspensionEnded"]);
    }

    [Fact]
    public async Task Extension_MovesStatutoryDueBy10WorkingDays_OnceOnly_AndRefusalsAreAudited()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var head = await Driver.As("head.market");

        var extended = await HttpJson.ReadAsync(await head.PostAsJsonAsync($"/api/cases/{id}/extensions", new { workingDays = 10, reason = "On-site check needs a second visit" }), HttpStatusCode.OK);
        var expected = WorkingDayCalendar.Shipped.Due(new LocalDate(2025, 9, 26), 30, TimeUnit.WorkingDays).Due;
        CaseClock(extended)["statutoryDue"]!.GetValue<string>().Should().Be(NodaTime.Text.LocalDatePattern.Iso.Format(expected));

        var second = await head.PostAsJsonAsync($"/api/cases/{id}/extensions", new { workingDays = 5, reason = "Again" });
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await second.Content.ReadAsStringAsync()).Should().Contain("extension.already-granted");
        (await (await Driver.As("clerk.market")).PostAsJsonAsync($"/api/cases/{id}/extensions", new { workingDays = 5, reason = "x" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden, "only the department head approves an extension");

        var late = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        Factory.Clock.Reset(CentreTime.At("2025-10-31T09:00")); // the statutory limit (2025-10-30) has expired
        var tooLate = await head.PostAsJsonAsync($"/api/cases/{late}/extensions", new { workingDays = 10, reason = "Too late" });
        tooLate.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await tooLate.Content.ReadAsStringAsync()).Should().Contain("extension.after-expiry");

        var refusals = (await Driver.CaseAsync(id))["timeline"]!.AsArray().Concat((await Driver.CaseAsync(late))["timeline"]!.AsArray())
            .Count(e => e!["action"]!.GetValue<string>() == "ExtensionRefused");
        refusals.Should().Be(2);
    }

    private async Task<int> SweepAsync() => await Factory.Services.GetRequiredService<DeadlineSweeper>().SweepAsync();

    private async Task<List<string>> FiredAsync(string caseId)
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContextAsync();
        var id = Guid.Parse(caseId);
        return await db.Signals.Where(s => s.CaseId == id && s.FiredAt != null).Select(s => s.Rule + "/" + s.Level).ToListAsync();
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;

namespace OneStop.Workflows.IntegrationTests.Supervision;

/// <summary>
/// <c>GET /api/supervision/figures</c> on five cases, each figure worked out by hand below. All accepted Fri 2025-09-26
/// (the 2025 calendar: Sun 09-28 and Sat 10-11 are make-up working days, 10-01..10-08 rest).
/// <code>
/// case  item                 decided  promised due  statutory due  WD used (net)      on time  early  signals fired (P/Y/R)
/// A     food licence         10-09    10-10         10-30          4                  yes      yes    1/0/0  step prompt (due 10-09 00:00, before the decision)
/// B     food licence         10-10    10-10         10-30          5                  yes      no     2/1/0  step prompt, step yellow, case prompt
/// C     food licence         10-16    10-10         11-03 (+2)     10 − 2 suspended = 8  no     no     2/2/1  suspended 10-13..10-14 (expert review)
/// E     food licence         10-31    10-10         10-30          21                 no       no     2/2/1  statutory limit exceeded
/// D     construction permit  09-29    09-30         10-09 (7 days) 2                  yes      yes    1/0/0  air-defence step prompt (2 WD → 09-29)
/// </code>
/// market (A, B, C, E): 4 completed, on time 2 (0.5), early 1 (0.25), overdue 1, average (4+5+8+21)/4 = 9.5 WD,
/// suspended 2/(38+2) = 0.05, prompts 7, yellow 5, red 2. housing (D): 1, 1.0, 1.0, 0, 2 WD, 0, 1/0/0.
/// </summary>
public sealed class FiguresTests(PostgresServerFixture postgres) : SupervisionTestBase(postgres)
{
    [Fact]
    public async Task Figures_PerDepartmentAndItem_MatchTheHandCount()
    {
        SetClock("2025-09-26T09:00:00");
        var a = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var b = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var c = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var e = await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        var d = await Driver.SubmitAndAcceptAsync("clerk.housing", "construction-permit");

        SetClock("2025-09-29T10:00:00");
        await ApproveReviewsAsync(d);
        SetClock("2025-10-09T10:00:00");
        await ApproveReviewsAsync(a);
        SetClock("2025-10-10T10:00:00");
        await ApproveReviewsAsync(b);
        SetClock("2025-10-12T12:00:00");
        await SweepAsync();

        SetClock("2025-10-13T09:00:00");
        await ChangeCaseClockAsync(c, clock => clock.Suspend(Guid.NewGuid(), SuspensionType.ExpertReview, null, new LocalDate(2025, 10, 13), 2, "Expert review 专家评审", "head.market",
            Factory.Clock.GetCurrentInstant()));
        SetClock("2025-10-14T17:00:00");
        await ChangeCaseClockAsync(c, clock => clock.EndSuspension(clock.Suspensions.Single().Id, new LocalDate(2025, 10, 14), "head.market",
            Factory.Clock.GetCurrentInstant()));
        SetClock("2025-10-16T10:00:00");
        await ApproveReviewsAsync(c);
        SetClock("2025-10-20T09:00:00");
        await SweepAsync();
        SetClock("2025-10-31T10:00:00");
        await ApproveReviewsAsync(e);
        SetClock("2025-11-01T09:00:00");
        await SweepAsync();

        var byDepartment = await GetAsync("supervisor", "/api/supervision/figures?from=2025-09-01&to=2025-10-31");
        byDepartment["groupBy"]!.GetValue<string>().Should().Be("department");
        Group(byDepartment, "market").Should().Be(new Row("market", 4, 2, 0.5, 1, 0.25, 1, 9.5, 0.05, 7, 5, 2));
        Group(byDepartment, "housing").Should().Be(new Row("housing", 1, 1, 1, 1, 1, 0, 2, 0, 1, 0, 0));
        RowOf(byDepartment["total"]!.AsObject()).Should().Be(new Row("total", 5, 3, 0.6, 2, 0.4, 1, 8, 0.0476, 8, 5, 2));

        var byItem = await GetAsync("supervisor", "/api/supervision/figures?from=2025-09-01&to=2025-10-31&groupBy=serviceItem");
        Group(byItem, "food-business-licence").Should().Be(new Row("food-business-licence", 4, 2, 0.5, 1, 0.25, 1, 9.5, 0.05, 7, 5, 2));
        Group(byItem, "construction-permit").Should().Be(new Row("construction-permit", 1, 1, 1, 1, 1, 0, 2, 0, 1, 0, 0));

        // Decided 10-10..10-16 (inclusive): B and C only.
        var window = await GetAsync("supervisor", "/api/supervision/figures?from=2025-10-10&to=2025-10-16");
        window["groups"]!.AsArray().Should().HaveCount(1);
        Group(window, "market").Should().Be(new Row("market", 2, 1, 0.5, 0, 0, 0, 6.5, 0.1333, 4, 3, 1));

        // A department head sees the cases their department leads or reviews.
        var housing = await GetAsync("head.housing", "/api/supervision/figures?from=2025-09-01&to=2025-10-31");
        housing["groups"]!.AsArray().Select(g => g!["key"]!.GetValue<string>()).Should().Equal("housing");

        var empty = await GetAsync("supervisor", "/api/supervision/figures?from=2024-01-01&to=2024-12-31");
        empty["groups"]!.AsArray().Should().BeEmpty();
        RowOf(empty["total"]!.AsObject()).Completed.Should().Be(0);

        await GetAsync("supervisor", "/api/supervision/figures?from=2025-10-01", HttpStatusCode.BadRequest);
        await GetAsync("supervisor", "/api/supervision/figures?from=2025-10-31&to=2025-10-01", HttpStatusCode.BadRequest);
        await GetAsync("supervisor", "/api/supervision/figures?from=2025-10-01&to=2025-10-31&groupBy=officer", HttpStatusCode.BadRequest);
        await GetAsync("supervisor", "/api/supervision/figures?from=01/10/2025&to=2025-10-31", HttpStatusCode.BadRequest);
        await GetAsync("reviewer.market", "/api/supervision/figures?from=2025-10-01&to=2025-10-31", HttpStatusCode.Forbidden);
    }

    private sealed record Row(
        string Key, int Completed, int OnTime, double OnTimeRate, int Early, double EarlyCompletionRate, int StatutoryOverdue,
        double AverageWorkingDaysUsed, double SuspendedShare, int Prompts, int YellowCards, int RedCards);

    private static Row Group(JsonObject figures, string key) =>
        RowOf(figures["groups"]!.AsArray().OfType<JsonObject>().Single(g => g["key"]!.GetValue<string>() == key));

    private static Row RowOf(JsonObject g) => new(
        g["key"]!.GetValue<string>(), g["completed"]!.GetValue<int>(), g["onTime"]!.GetValue<int>(), g["onTimeRate"]!.GetValue<double>(),
        g["early"]!.GetValue<int>(), g["earlyCompletionRate"]!.GetValue<double>(), g["statutoryOverdue"]!.GetValue<int>(),
        g["averageWorkingDaysUsed"]!.GetValue<double>(), g["suspendedShare"]!.GetValue<double>(), g["prompts"]!.GetValue<int>(),
        g["yellowCards"]!.GetValue<int>(), g["redCards"]!.GetValue<int>());

    /// <summary>Changes the case clock as the clock routes do: the change, then the signal plan, in one save.</summary>
    private async Task ChangeCaseClockAsync(string caseId, Func<Clock, ClockRefusal?> change)
    {
        var planner = Factory.Services.GetRequiredService<SignalPlanner>();
        var id = new CaseId(Guid.Parse(caseId));
        await InDbAsync(async db =>
        {
            var clock = await db.Clocks.SingleAsync(k => k.CaseId == id && k.Kind == ClockKind.Case);
            change(clock).Should().BeNull();
            await planner.ReplanAsync(db, clock, Factory.Clock.GetCurrentInstant(), CancellationToken.None);
            return await db.SaveChangesAsync();
        });
    }
}

using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Calendar;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Testing;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 10 (ADR 0009): the inbox sorts by the due day stored on the task, so the stored day must follow every change of the
/// clock — start, suspension, its end, a calendar change (which re-plans every running clock) — and always equal the day
/// the page shows (derived from the clock). The food business licence's market review has a 4-working-day step clock.
/// </summary>
public sealed class InboxDueOrder_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private const string Food = "food-business-licence";

    private static readonly Actor Admin = new("admin", Domain.People.Role.Administrator, null);

    [Fact]
    public async Task ASuspension_ClearsTheStoredDueDay_AndItsEnd_PutsItBack_SoTheOrderFollows()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-22T09:00"));
        var first = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var second = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        var started = await StoredDueAsync(first);

        Factory.Clock.Reset(CentreTime.At("2025-09-26T10:00"));
        var suspension = Value(await Run<SuspendClock, Result<SuspensionStarted>>(u => u.ExecuteAsync(
            new(first, SuspensionType.ExpertReview, null, null, 5, "Expert review 专家评审"), Head("market"), default)));
        var whileSuspended = await ByDueAsync();
        var storedWhileSuspended = await StoredDueAsync(first);
        Factory.Clock.Reset(CentreTime.At("2025-09-30T09:00"));
        Value(await Run<EndSuspension, Result<CaseClocks>>(u => u.ExecuteAsync(new(first, suspension.SuspensionId, null), Head("market"), default)));
        var ended = await ByDueAsync();

        started.Should().Be("2025-09-26", "accepted on Monday 09-22, four working days");
        storedWhileSuspended.Should().BeNull("a suspended clock has no due day");
        whileSuspended.Select(i => i.CaseId).Should().Equal(second, first);
        ended.Select(i => (i.CaseId, i.DueDay)).Should().Equal(
            [(first, "2025-10-09"), (second, "2025-10-09")], "09-26..09-30 do not count for the first; equal days, the older first");
        await StoredEqualsShownAsync(ended);
    }

    [Fact]
    public async Task ACalendarChange_RePlansTheStoredDueDays_OfTheRunningClocks()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        var before = await StoredDueAsync(id);

        Value(await Run<SetRegionalAdjustments, Result<CalendarWire.YearResponse>>(u => u.ExecuteAsync(
            new(2025, "450000 广西壮族自治区", [new("2025-09-29", "2025-09-29", "地方休息日 Regional rest day")], [], "Regional notice 地方通知", null), Admin, default)));
        var after = await StoredDueAsync(id);
        var shown = await ByDueAsync();

        before.Should().Be("2025-10-09", "09-28 (a make-up Sunday), 09-29, 09-30, 10-09 after the National Day holiday");
        after.Should().Be("2025-10-10", "09-29 no longer counts");
        shown.Single(i => i.CaseId == id).DueDay.Should().Be(after);
        await StoredEqualsShownAsync(shown);
    }

    [Fact]
    public async Task AWindowTask_HasTheCaseClocksDueDay_AndNoneBeforeAcceptance()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var (waiting, _, _) = await Driver.SubmitAsync("clerk.market", Food);

        var acceptance = await OpenTaskAsync(new CaseId(Guid.Parse(waiting)), TaskKind.Acceptance, "market");

        acceptance.DueDay.Should().BeNull("no clock runs before acceptance");
        var inbox = Value(await Run<ListTasks, Result<ListTasks.Page>>(u => u.ExecuteAsync(
            new(ListTasks.Scope.Department, 0, 50, ListTasks.Order.Due), Clerk("market"), default))).Items;
        await StoredEqualsShownAsync(inbox);
    }

    private async Task<IReadOnlyList<InboxItem>> ByDueAsync() =>
        Value(await Run<ListTasks, Result<ListTasks.Page>>(u => u.ExecuteAsync(new(ListTasks.Scope.Department, 0, 50, ListTasks.Order.Due), Reviewer("market"), default))).Items;

    /// <summary>The stored due day of the case's market review.</summary>
    private async Task<string?> StoredDueAsync(string caseId)
    {
        var task = await OpenTaskAsync(new CaseId(Guid.Parse(caseId)), TaskKind.Review, "market");
        return task.DueDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every listed task's stored due day is the day the page shows.</summary>
    private async Task StoredEqualsShownAsync(IReadOnlyList<InboxItem> items)
    {
        await using var db = Db();
        var ids = items.Select(i => new TaskId(Guid.Parse(i.Id))).ToList();
        var stored = await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id.ToString(), t => t.DueDay);
        items.Should().NotBeEmpty();
        items.Should().OnlyContain(i => stored[i.Id].HasValue == (i.DueDay != null)
            && (i.DueDay == null || stored[i.Id]!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) == i.DueDay));
    }
}

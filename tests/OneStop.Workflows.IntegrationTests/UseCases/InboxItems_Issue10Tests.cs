using System.Data.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Testing;
using Xunit.Abstractions;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 10: inbox items carry the case number, service item, masked applicant, due day and due badge, and sort by due.
/// The food business licence's market review has a 4-working-day step clock: accepted 2025-09-26 → due 2025-10-09
/// (the National Day holiday 10-01..10-08 does not count); its yellow card fires at the end of that day.
/// </summary>
public sealed class InboxItems_Issue10Tests(PostgresServerFixture postgres, ITestOutputHelper output) : UseCaseTestBase(postgres)
{
    private const string Food = "food-business-licence";

    [Fact]
    public async Task AnAcceptedCasesReview_CarriesTheCaseSummary_ItsStepDueDay_AndOnTime_AndAWaitingAcceptanceHasNoDueDay()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        var number = (await Driver.CaseAsync(id))["number"]!.GetValue<string>();
        var (waiting, _, _) = await Driver.SubmitAsync("clerk.market", Food);

        var review = (await InboxAsync(Reviewer("market"))).Items.Single(i => i.CaseId == id);
        var acceptance = (await InboxAsync(Clerk("market"))).Items.Single(i => i.CaseId == waiting);

        review.Kind.Should().Be("Review");
        review.CaseNumber.Should().Be(number);
        review.ServiceItem.Should().Be(Food);
        review.Applicant.Should().Be(new Domain.Cases.Applicant("张* Z**** S**", "110105********002X", "138****8000"));
        review.DueDay.Should().Be("2025-10-09");
        review.Due.Should().Be(ListTasks.OnTime);
        acceptance.Kind.Should().Be("Acceptance");
        acceptance.DueDay.Should().BeNull("no clock runs before acceptance");
        acceptance.Due.Should().Be(ListTasks.OnTime);
    }

    [Fact]
    public async Task FiredSignals_SetTheBadge_PromptThenYellow()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", Food);

        Factory.Clock.Reset(CentreTime.At("2025-10-09T09:00"));
        await SweepAsync();
        var onDueDay = (await InboxAsync(Reviewer("market"))).Items.Single(i => i.CaseId == id);
        Factory.Clock.Reset(CentreTime.At("2025-10-10T09:00"));
        await SweepAsync();
        var afterDueDay = (await InboxAsync(Reviewer("market"))).Items.Single(i => i.CaseId == id);

        onDueDay.Due.Should().Be(ListTasks.Prompt, "the step prompt has fired by the start of the due day, the yellow card not yet");
        afterDueDay.Due.Should().Be(ListTasks.Yellow, "the step budget is exceeded at the end of 10-09");
        afterDueDay.DueDay.Should().Be("2025-10-09");
    }

    [Fact]
    public async Task SortDue_OrdersByDueDay_SuspendedLast_AndPages_WhileTheDefaultStaysNewestFirst()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-22T09:00"));
        var first = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var second = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        Factory.Clock.Reset(CentreTime.At("2025-09-29T09:00"));
        var third = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        Factory.Clock.Reset(CentreTime.At("2025-09-29T10:00"));
        var suspended = await Run<SuspendClock, Result<SuspensionStarted>>(u => u.ExecuteAsync(
            new(first, SuspensionType.ExpertReview, null, null, 5, "Expert review 专家评审"), Head("market"), default));
        suspended.Refusal.Should().BeNull();

        var byDue = (await InboxAsync(Reviewer("market"), ListTasks.Order.Due)).Items;
        var byDefault = (await InboxAsync(Reviewer("market"))).Items;
        var secondPage = Value(await Run<ListTasks, Result<ListTasks.Page>>(u => u.ExecuteAsync(
            new(ListTasks.Scope.Department, 1, 2, ListTasks.Order.Due), Reviewer("market"), default)));

        byDue.Select(i => i.CaseId).Should().Equal(second, third, first);
        byDue[0].DueDay.Should().Be("2025-10-09");
        string.CompareOrdinal(byDue[1].DueDay, byDue[0].DueDay).Should().BePositive();
        byDue[2].DueDay.Should().BeNull("a suspended clock has no due day");
        byDefault.Select(i => i.CaseId).Should().Equal(third, second, first);
        secondPage.Items.Select(i => i.CaseId).Should().Equal(first);
        secondPage.TotalCount.Should().Be(3);
    }

    [Fact]
    public async Task TheRoute_AnswersTheNewFields_TakesSortDue_AndRefusesAnUnknownSort()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var id = await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        var reviewer = await Driver.As("reviewer.market");

        var page = await CaseDriver.Json(await reviewer.GetAsync("/api/tasks?sort=due&pageSize=5"), HttpStatusCode.OK);
        var bad = await reviewer.GetAsync("/api/tasks?sort=soon");

        output.WriteLine(page.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var item = page["items"]!.AsArray().Single()!;
        item["caseId"]!.GetValue<string>().Should().Be(id);
        item["kind"]!.GetValue<string>().Should().Be("Review", "the task's own fields stay");
        item["caseNumber"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        item["serviceItem"]!.GetValue<string>().Should().Be(Food);
        item["applicant"]!["name"]!.GetValue<string>().Should().Be("张* Z**** S**");
        item["dueDay"]!.GetValue<string>().Should().Be("2025-10-09");
        item["due"]!.GetValue<string>().Should().Be("onTime");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(ListTasks.Order.Created)]
    [InlineData(ListTasks.Order.Due)]
    public async Task APage_CostsTheSameQueries_WhateverItsSize(ListTasks.Order sort)
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        for (var i = 0; i < 3; i++)
        {
            await Driver.SubmitAndAcceptAsync("clerk.market", Food);
        }

        Factory.Clock.Reset(CentreTime.At("2025-10-10T09:00"));
        await SweepAsync();

        var (one, oneCommands) = await CountedInboxAsync(1, sort);
        var (three, threeCommands) = await CountedInboxAsync(3, sort);

        one.Items.Should().ContainSingle();
        three.Items.Should().HaveCount(3).And.OnlyContain(i => i.Due == ListTasks.Yellow && i.CaseNumber.Length > 0);
        threeCommands.Should().Be(oneCommands, "the cases, clocks and signals of a page are read in one query each, not per item");
        threeCommands.Should().BeLessThanOrEqualTo(5, "count, tasks, cases, clocks, signals");
    }

    private async Task<(ListTasks.Page Page, int Commands)> CountedInboxAsync(int pageSize, ListTasks.Order sort)
    {
        var counter = new CommandCounter();
        var options = OneStopDbContextOptions.Configure(new DbContextOptionsBuilder<PostgresOneStopDbContext>(),
            Factory.Services.GetRequiredService<OneStopDatabaseOptions>()).AddInterceptors(counter).Options;
        await using var db = new PostgresOneStopDbContext((DbContextOptions<PostgresOneStopDbContext>)options);
        var list = new ListTasks(db, Factory.Services.GetRequiredService<OneStop.Workflows.Persistence.Calendar.EffectiveCalendarStore>());
        var page = Value(await list.ExecuteAsync(new(ListTasks.Scope.Department, 0, pageSize, sort), Reviewer("market"), default));
        output.WriteLine($"{sort}, page size {pageSize}: {counter.Count} commands");
        return (page, counter.Count);
    }

    private Task<int> SweepAsync() => Factory.Services.GetRequiredService<DeadlineSweeper>().SweepAsync();

    private async Task<ListTasks.Page> InboxAsync(Actor actor, ListTasks.Order sort = ListTasks.Order.Created) =>
        Value(await Run<ListTasks, Result<ListTasks.Page>>(u => u.ExecuteAsync(new(ListTasks.Scope.Department, 0, 20, sort), actor, default)));

    /// <summary>Counts the database commands of the context it is added to.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            Counted(result);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) => ValueTask.FromResult(Counted(result));

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) => Counted(result);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(Counted(result));

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) => Counted(result);

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(Counted(result));

        private T Counted<T>(T result)
        {
            Interlocked.Increment(ref _count);
            return result;
        }
    }
}

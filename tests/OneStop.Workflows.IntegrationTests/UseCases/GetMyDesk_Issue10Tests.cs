using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Catalogue;
using OneStop.Workflows.Application.Clocks;
using OneStop.Workflows.Application.Home;
using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Supervision;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Testing;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>Issue 10: the home page's counts per role, checked against the lists the pages open (the same rules, counted).</summary>
public sealed class GetMyDesk_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static readonly Actor Admin = new("admin", Role.Administrator, null);

    private Task<GetMyDesk.Desk> DeskAsync(Actor actor) =>
        Run<GetMyDesk, Result<GetMyDesk.Desk>>(u => u.ExecuteAsync(new(), actor, default)).ContinueWith(t => Value(t.Result));

    private async Task<CaseId> AcceptedFoodLicenceAsync() =>
        new(Guid.Parse(await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence")));

    private async Task CompleteAsync(CaseId caseId) =>
        Value(await DecideAsync((await OpenTaskAsync(caseId, TaskKind.Review, "market")).Id, "Approved", Reviewer("market"), "Conditions met 符合条件"));

    [Fact]
    public async Task AClerksDesk_CountsAcceptance_Corrections_AndDelivery_OfTheirWindow()
    {
        var empty = await DeskAsync(Clerk("market"));
        Value(await SubmitAsync(Clerk("market"), "food-business-licence"));
        Value(await SubmitAsync(Clerk("market"), "food-business-licence"));
        var corrections = new CaseId(Guid.Parse(Value(await SubmitAsync(Clerk("market"), "food-business-licence")).Id));
        Value(await DecideAsync((await OpenTaskAsync(corrections, TaskKind.Acceptance, "market")).Id, "CorrectionRequested", Clerk("market"), "One material",
            [new("Floor plan 平面图", "Not to scale")]));
        await CompleteAsync(await AcceptedFoodLicenceAsync());
        Value(await SubmitAsync(Clerk("housing"), "construction-permit"));

        var desk = await DeskAsync(Clerk("market"));

        empty.Should().BeEquivalentTo(new GetMyDesk.Desk("WindowClerk", new(0, 0, 0), null, null, null, null));
        desk.Window.Should().Be(new GetMyDesk.WindowDesk(AcceptanceWaiting: 2, AwaitingCorrection: 1, ToDeliver: 1));
        var acceptance = Value(await Run<ListTasks, Result<ListTasks.Page>>(u => u.ExecuteAsync(new(ListTasks.Scope.Department, 0, 50), Clerk("market"), default)));
        acceptance.Items.Count(t => t.Kind == "Acceptance" && t.Status == "Open").Should().Be(desk.Window!.AcceptanceWaiting, "the acceptance desk lists them");
        var toDeliver = Value(await Run<ListCases, Result<ListCases.Page>>(u => u.ExecuteAsync(new(null, null, null, 0, 20, DeliveryStatus: DeliveryStatus.Pending), Clerk("market"), default)));
        toDeliver.TotalCount.Should().Be(desk.Window.ToDeliver);
        (await DeskAsync(Clerk("housing"))).Window.Should().Be(new GetMyDesk.WindowDesk(1, 0, 0), "each window counts its own department");
    }

    [Fact]
    public async Task AReviewersAndAHeadsDesk_CountTheInbox_AndTheHeadTheOpenSuspensions()
    {
        var restaurant = new CaseId(Guid.Parse(await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening")));
        var fire = await OpenTaskAsync(restaurant, TaskKind.Review, "fire");
        var before = await DeskAsync(Reviewer("fire"));
        Value(await Run<ClaimTask, Result<TaskView>>(u => u.ExecuteAsync(new(fire.Id.ToString()), Reviewer("fire"), default)));
        var food = await AcceptedFoodLicenceAsync();
        var suspended = Value(await Run<SuspendClock, Result<SuspensionStarted>>(u => u.ExecuteAsync(
            new(food.ToString(), SuspensionType.Inspection, null, null, 5, "Inspection notice 检验通知"), Head("market"), default)));

        var claimed = await DeskAsync(Reviewer("fire"));
        var head = await DeskAsync(Head("fire"));
        var marketHead = await DeskAsync(Head("market"));
        Value(await Run<EndSuspension, Result<CaseClocks>>(u => u.ExecuteAsync(new(food.ToString(), suspended.SuspensionId, null), Head("market"), default)));
        var ended = await DeskAsync(Head("market"));

        before.Should().BeEquivalentTo(new GetMyDesk.Desk("Reviewer", null, new(Unassigned: 1, Mine: 0), null, null, null));
        claimed.Inbox.Should().Be(new GetMyDesk.InboxDesk(Unassigned: 0, Mine: 1));
        head.Inbox.Should().Be(new GetMyDesk.InboxDesk(0, 0), "assigned to the reviewer, not to the head");
        head.Head.Should().Be(new GetMyDesk.HeadDesk(0), "fire leads no suspended case");
        marketHead.Inbox.Should().Be(new GetMyDesk.InboxDesk(2, 0), "market's reviews of both cases");
        marketHead.Head.Should().Be(new GetMyDesk.HeadDesk(1));
        ended.Head.Should().Be(new GetMyDesk.HeadDesk(0));
    }

    [Fact]
    public async Task ASupervisorsDesk_CountsMyAlerts_AndTheCardsOfOpenCases()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00:00"));
        var open = await AcceptedFoodLicenceAsync();
        var closed = await AcceptedFoodLicenceAsync();
        Factory.Clock.Reset(CentreTime.At("2025-10-14T00:00:00")); // past the food licence's yellow and red instants (CardLadderSweepTests)
        await Factory.Services.GetRequiredService<DeadlineSweeper>().SweepAsync();
        await CompleteAsync(closed);

        var desk = await DeskAsync(Supervisor);

        await using var db = Db();
        var fired = await db.Signals.Where(s => s.CaseId == open.Value && s.FiredAt != null).GroupBy(s => s.Level).ToDictionaryAsync(g => g.Key, g => g.Count());
        var firedOnClosed = await db.Signals.CountAsync(s => s.CaseId == closed.Value && s.FiredAt != null && s.Level != SignalLevel.Prompt);
        var alerts = Value(await Run<ListAlerts, Result<ListAlerts.AlertPage>>(u => u.ExecuteAsync(new(0, 1), Supervisor, default)));
        fired.GetValueOrDefault(SignalLevel.Yellow).Should().BePositive();
        fired.GetValueOrDefault(SignalLevel.Red).Should().BePositive();
        firedOnClosed.Should().BePositive("the completed case had cards too, which no longer count");
        desk.Should().BeEquivalentTo(new GetMyDesk.Desk("Supervisor", null, null, null,
            new(alerts.UnacknowledgedCount, fired[SignalLevel.Yellow], fired[SignalLevel.Red]), null));
        alerts.UnacknowledgedCount.Should().BePositive();
    }

    [Fact]
    public async Task AnAdministratorsDesk_CountsActiveStaff_AndServiceItems()
    {
        Value(await Run<DisableUser, Result<UserView>>(u => u.ExecuteAsync(new("reviewer.water"), Admin, default)));

        var desk = await DeskAsync(Admin);
        var designer = await DeskAsync(new Actor("designer", Role.Designer, null));

        var users = Value(await Run<ListUsers, Result<ListUsers.Page>>(u => u.ExecuteAsync(new(null, null, true, 0, 200), Admin, default)));
        var items = Value(await Run<ListServiceItems, Result<ListServiceItems.Response>>(u => u.ExecuteAsync(new(), Admin, default)));
        desk.Should().BeEquivalentTo(new GetMyDesk.Desk("Administrator", null, null, null, null, new(users.TotalCount, items.Items.Count)));
        designer.Should().BeEquivalentTo(new GetMyDesk.Desk("Designer", null, null, null, null, null), "a designer's home has no counted work");
    }
}

using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Home;
using OneStop.Workflows.Application.Supervision;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence.Supervision;
using OneStop.Workflows.Testing;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 10, ADR 0010: the card board's keys (department, service item) and the case's openness are stored on the card
/// when it fires and cleared in the transaction that closes its case; the board, the supervisor's desk and the signal list
/// read them. Schedule as in <see cref="CardBoard_Issue10Tests"/>: accepted Fri 2025-09-26, swept at 2025-10-14 12:00, a
/// construction-permit case (lead housing; reviews housing, fire, airdefence) fires housing 2/2/1, fire 1/1/0,
/// airdefence 1/1/0; a food-business-licence case (lead market, one market review) fires market 2/2/1.
/// </summary>
public sealed class CardBoardKeys_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    [Fact]
    public async Task TheStoredKeys_CountACardWhileItsCaseIsOpen_ForTheReviewsDepartment_ThroughTransferAndReturn_UntilTheCaseCloses()
    {
        Factory.Clock.Reset(CentreTime.At("2025-09-26T09:00"));
        var transferred = new CaseId(Guid.Parse(await Driver.SubmitAndAcceptAsync("clerk.housing", "construction-permit")));
        var returned = new CaseId(Guid.Parse(await Driver.SubmitAndAcceptAsync("clerk.housing", "construction-permit")));
        var completed = new CaseId(Guid.Parse(await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence")));
        var refused = new CaseId(Guid.Parse(Value(await SubmitAsync(Clerk("market"), "food-business-licence")).Id));
        // No clock runs before acceptance, so no real card fires on a received case: a pending yellow card is planted on one,
        // fired by the real sweep, so that the refusal to accept (NotAccepted) is seen to close it like a completion does.
        await using (var db = Db())
        {
            db.Signals.Add(new SignalRow
            {
                Id = SignalId.New(), CaseId = refused.Value, SubjectId = refused.Value, SubjectKind = ClockKind.Case, Rule = "planted-before-acceptance",
                Level = SignalLevel.Yellow, DueAt = CentreTime.At("2025-09-26T09:30"), Basis = "test", CreatedAt = CentreTime.At("2025-09-26T09:00"),
            });
            await db.SaveChangesAsync();
        }

        Factory.Clock.Reset(CentreTime.At("2025-10-14T12:00"));
        await SweepAsync();

        var fireReview = await OpenTaskAsync(transferred, TaskKind.Review, "fire");
        await using (var db = Db())
        {
            var stepCards = await db.Signals.AsNoTracking().Where(s => s.SubjectId == fireReview.Id.Value).ToListAsync();
            stepCards.Should().NotBeEmpty().And.OnlyContain(s => s.FiredAt != null && s.Department == "fire" && s.ServiceItem == "construction-permit" && s.CaseOpen,
                "a step card is keyed by its review's department, not the case's lead department (housing)");
            var caseCards = await db.Signals.AsNoTracking().Where(s => s.SubjectId == transferred.Value && s.SubjectKind == ClockKind.Case).ToListAsync();
            caseCards.Should().NotBeEmpty().And.OnlyContain(s => s.Department == "housing" && s.CaseOpen);
        }

        Counts(await BoardAsync(GetCardBoard.GroupBy.Department, Supervisor)).Should()
            .Equal(("airdefence", 2, 2, 0), ("fire", 2, 2, 0), ("housing", 4, 4, 2), ("market", 2, 3, 1));
        Counts(await BoardAsync(GetCardBoard.GroupBy.Department, Head("market"))).Should()
            .Equal([("market", 2, 3, 1)], "the market head sees neither housing's nor fire's cards: those cases have no market task");
        (await DeskAsync()).Should().Be((11, 3));

        // Transfer the fire review to a colleague; return the other case's fire review for correction
        // (the construction permit's policy issues the notice at once: the case awaits corrections).
        Value(await Run<TransferTask, Result<TaskView>>(u => u.ExecuteAsync(new(fireReview.Id.ToString(), "reviewer.fire", null), Head("fire"), default)));
        var otherFire = await OpenTaskAsync(returned, TaskKind.Review, "fire");
        Value(await DecideAsync(otherFire.Id, Outcomes.ReturnedForCorrection, Reviewer("fire"), "Plans incomplete", corrections: [new("Fire protection design documents 消防设计文件", "Missing exits")]));
        // Close the food case by its review's approval, and refuse the received one.
        var marketReview = await OpenTaskAsync(completed, TaskKind.Review, "market");
        Value(await DecideAsync(marketReview.Id, Outcomes.Approved, Reviewer("market"), "No objection 无异议"));
        var acceptance = await OpenTaskAsync(refused, TaskKind.Acceptance, "market");
        Value(await DecideAsync(acceptance.Id, Outcomes.Refused, Clerk("market"), "不属于本中心受理范围 Not within the centre's remit"));
        await SweepAsync();

        await using (var db = Db())
        {
            (await db.Cases.AsNoTracking().Where(c => c.Id == completed || c.Id == refused || c.Id == returned).Select(c => c.Status).ToListAsync())
                .Should().BeEquivalentTo([CaseStatus.Completed, CaseStatus.NotAccepted, CaseStatus.AwaitingCorrection]);
            (await db.Signals.AsNoTracking().Where(s => (s.CaseId == completed.Value || s.CaseId == refused.Value) && s.FiredAt != null).ToListAsync())
                .Should().HaveCount(6).And.OnlyContain(s => !s.CaseOpen && s.Department == "market", "closing a case clears its cards' openness, its keys stay");
        }

        Counts(await BoardAsync(GetCardBoard.GroupBy.Department, Supervisor)).Should()
            .Equal(("airdefence", 2, 2, 0), ("fire", 2, 2, 0), ("housing", 4, 4, 2));
        Counts(await BoardAsync(GetCardBoard.GroupBy.ServiceItem, Supervisor)).Should().Equal([("construction-permit", 8, 8, 2)]);
        Counts(await BoardAsync(GetCardBoard.GroupBy.Department, Head("market"))).Should().BeEmpty();
        (await DeskAsync()).Should().Be((8, 2));
        var fireCards = Value(await Run<ListSignals, Result<Page<ListSignals.SignalView>>>(u =>
            u.ExecuteAsync(new(null, "fire", null, null, null, 0, 50), Supervisor, default)));
        fireCards.Items.Should().HaveCount(4).And.OnlyContain(v => v.ServiceItem == "construction-permit" && v.SubjectKind == "Step" && v.CaseNumber.Length > 0);
        fireCards.TotalCount.Should().Be(4);
    }

    private Task<int> SweepAsync() => Factory.Services.GetRequiredService<DeadlineSweeper>().SweepAsync();

    private async Task<GetCardBoard.Response> BoardAsync(GetCardBoard.GroupBy by, Actor actor) =>
        Value(await Run<GetCardBoard, Result<GetCardBoard.Response>>(u => u.ExecuteAsync(new(by), actor, default)));

    private async Task<(int Yellow, int Red)> DeskAsync()
    {
        var desk = Value(await Run<GetMyDesk, Result<GetMyDesk.Desk>>(u => u.ExecuteAsync(new(), Supervisor, default))).Supervision!;
        return (desk.OpenYellowCards, desk.OpenRedCards);
    }

    private static List<(string Key, int Prompts, int Yellow, int Red)> Counts(GetCardBoard.Response board) =>
        [.. board.Rows.Select(r => (r.Key, r.Prompts, r.Yellow, r.Red))];
}

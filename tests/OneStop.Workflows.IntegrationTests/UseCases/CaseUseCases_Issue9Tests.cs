using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 9: a case's life called as use cases, without HTTP — submit, accept, review decisions, corrections, delivery — each
/// checked in its answer and in the stored state; refusals for another department and for a task already decided.
/// </summary>
public sealed class CaseUseCases_Issue9Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static readonly SubmitCase.MaterialData Form = new("Application form 申请书");

    [Fact]
    public async Task Submit_StoresTheCase_WithItsAcceptanceTask_AndAPasswordOnlyTheReceiptKnows()
    {
        var receipt = Value(await SubmitAsync(Clerk("housing"), "construction-permit"));

        receipt.Status.Should().Be("Received");
        await using var db = Db();
        var stored = await db.Cases.SingleAsync(c => c.Id == new CaseId(Guid.Parse(receipt.Id)));
        stored.Number.Should().Be(receipt.Number);
        stored.Owner.Should().Be("clerk.housing");
        stored.LeadDepartment.Should().Be("housing");
        stored.QueryPasswordHash.Should().NotContain(receipt.QueryPassword);
        QueryPasswords.Verify(receipt.QueryPassword, stored.QueryPasswordHash).Should().BeTrue();
        (await db.Tasks.Where(t => t.CaseId == stored.Id).Select(t => new { t.Kind, t.Department, t.Status }).ToListAsync())
            .Should().Equal(new { Kind = TaskKind.Acceptance, Department = "housing", Status = ApprovalTaskStatus.Open });
    }

    [Fact]
    public async Task Submit_AtAnotherDepartmentsWindow_IsForbidden_AndStoresNothing()
    {
        var refused = await SubmitAsync(Clerk("market"), "construction-permit");

        refused.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        await using var db = Db();
        (await db.Cases.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Accept_ThenEveryReview_CompletesTheCase_ThenDelivery_IsRecorded()
    {
        var caseId = await SubmitAndAcceptAsync(Clerk("housing"), "construction-permit");
        await using (var db = Db())
        {
            var accepted = await db.Cases.SingleAsync(c => c.Id == caseId);
            accepted.Status.Should().Be(CaseStatus.InReview);
            accepted.AcceptanceDate.Should().NotBeNull();
        }

        foreach (var department in new[] { "housing", "fire", "airdefence" })
        {
            var review = await OpenTaskAsync(caseId, TaskKind.Review, department);
            var decided = Value(await DecideAsync(review.Id, Outcomes.Approved, Reviewer(department), "No objection 无异议"));
            decided.Status.Should().Be("Decided");
            decided.Outcome.Should().Be(Outcomes.Approved);
            decided.DecidedBy.Should().Be($"reviewer.{department}");
        }

        await using (var db = Db())
        {
            var completed = await db.Cases.SingleAsync(c => c.Id == caseId);
            completed.Status.Should().Be(CaseStatus.Completed);
            completed.Decision.Should().Be(CaseDecision.Approved);
            completed.DeliveryStatus.Should().Be(DeliveryStatus.Pending);
        }

        var ready = Value(await DeliverAsync(caseId, DeliveryStatus.ReadyForPickup));
        var delivered = Value(await DeliverAsync(caseId, DeliveryStatus.Delivered));
        var again = Value(await DeliverAsync(caseId, DeliveryStatus.Delivered));

        ready.DeliveryStatus.Should().Be("ReadyForPickup");
        delivered.DeliveryStatus.Should().Be("Delivered");
        delivered.DeliveredAt.Should().NotBeNull();
        again.Should().Be(delivered, "the current status again changes nothing");
        await using (var db = Db())
        {
            (await db.Cases.SingleAsync(c => c.Id == caseId)).DeliveryStatus.Should().Be(DeliveryStatus.Delivered);
            (await db.AuditEvents.Where(e => e.CaseId == caseId.Value && e.Action == AuditActions.DeliveryUpdated).Select(e => e.Subject).ToListAsync())
                .Should().BeEquivalentTo(["ReadyForPickup", "Delivered"]);
        }
    }

    [Fact]
    public async Task Delivery_OfACaseStillInReview_IsAConflict_WithItsCode()
    {
        var caseId = await SubmitAndAcceptAsync(Clerk("housing"), "construction-permit");

        var refused = await DeliverAsync(caseId, DeliveryStatus.ReadyForPickup);

        refused.Refusal!.Kind.Should().Be(RefusalKind.Conflict);
        refused.Refusal.Code.Should().Be("delivery.transition");
        await using var db = Db();
        (await db.Cases.SingleAsync(c => c.Id == caseId)).DeliveryStatus.Should().Be(DeliveryStatus.NotReady);
    }

    [Fact]
    public async Task Decide_AnotherDepartmentsReview_IsForbidden_AndChangesNothing()
    {
        var caseId = await SubmitAndAcceptAsync(Clerk("housing"), "construction-permit");
        var review = await OpenTaskAsync(caseId, TaskKind.Review, "housing");

        var refused = await DecideAsync(review.Id, Outcomes.Approved, Reviewer("fire"), "Not mine to decide");

        refused.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        await using var db = Db();
        var stored = await db.Tasks.SingleAsync(t => t.Id == review.Id);
        stored.Status.Should().Be(ApprovalTaskStatus.Open);
        stored.Outcome.Should().BeNull();
        (await db.Cases.SingleAsync(c => c.Id == caseId)).Status.Should().Be(CaseStatus.InReview);
    }

    [Fact]
    public async Task Decide_ADecidedTask_WithAnotherKey_IsAConflict_AndTheSameKeyAnswersTheFirstDecision()
    {
        var caseId = await SubmitAndAcceptAsync(Clerk("housing"), "construction-permit");
        var review = await OpenTaskAsync(caseId, TaskKind.Review, "fire");
        var first = Value(await DecideAsync(review.Id, Outcomes.Approved, Reviewer("fire"), "Fine 同意", key: "fire-1"));

        var replay = await DecideAsync(review.Id, Outcomes.Approved, Reviewer("fire"), "Fine 同意", key: "fire-1");
        var refused = await DecideAsync(review.Id, Outcomes.Rejected, Head("fire"), "Changed my mind", key: "fire-2");

        replay.Value.Should().BeEquivalentTo(first);
        refused.Refusal!.Kind.Should().Be(RefusalKind.Conflict);
        refused.Refusal.Code.Should().Be("task.already-decided");
        await using var db = Db();
        var stored = await db.Tasks.SingleAsync(t => t.Id == review.Id);
        (stored.Outcome, stored.DecidedBy, stored.DecisionKey).Should().Be((Outcomes.Approved, "reviewer.fire", "fire-1"));
    }

    [Fact]
    public async Task Decide_WithoutAnOpinion_IsInvalid_ByField_AndChangesNothing()
    {
        var caseId = await SubmitAndAcceptAsync(Clerk("housing"), "construction-permit");
        var review = await OpenTaskAsync(caseId, TaskKind.Review, "fire");

        var refused = await DecideAsync(review.Id, Outcomes.Approved, Reviewer("fire"), opinion: " ");

        refused.Refusal!.Kind.Should().Be(RefusalKind.Invalid);
        refused.Refusal.Errors.Should().ContainKey("opinion");
        await using var db = Db();
        (await db.Tasks.SingleAsync(t => t.Id == review.Id)).Status.Should().Be(ApprovalTaskStatus.Open);
    }

    [Fact]
    public async Task Corrections_Requested_Issued_AndSubmitted_BringTheReviewsBack()
    {
        var caseId = await SubmitAndAcceptAsync(Clerk("market"), "restaurant-opening");
        var fire = await OpenTaskAsync(caseId, TaskKind.Review, "fire");
        Value(await DecideAsync(fire.Id, Outcomes.ReturnedForCorrection, Reviewer("fire"), "Plans incomplete",
            corrections: [new("Floor plan 平面图", "Missing fire exits")]));

        var notice = await OpenTaskAsync(caseId, TaskKind.CorrectionNotice, "market");
        var early = await CorrectAsync(caseId, "early");
        var issued = Value(await DecideAsync(notice.Id, Outcomes.Issued, Clerk("market"), opinion: null));

        early.Refusal!.Code.Should().Be("case.not-awaiting-correction", "the case waits for corrections only once the notice is issued");
        issued.Outcome.Should().Be(Outcomes.Issued);
        await using (var db = Db())
        {
            (await db.Cases.SingleAsync(c => c.Id == caseId)).Status.Should().Be(CaseStatus.AwaitingCorrection);
            (await db.Tasks.Where(t => t.CaseId == caseId && t.Kind == TaskKind.Review && t.Department != "fire").Select(t => t.Status).ToListAsync())
                .Should().NotBeEmpty().And.OnlyContain(s => s == ApprovalTaskStatus.Paused);
            (await db.Notifications.CountAsync(n => n.CaseId == caseId && n.Kind == "CorrectionNotice")).Should().Be(1);
        }

        var corrected = Value(await CorrectAsync(caseId, "corrections-1"));
        var replay = Value(await CorrectAsync(caseId, "corrections-1"));

        corrected.Status.Should().Be("InReview");
        corrected.CorrectionsReceivedDate.Should().NotBeNull();
        corrected.OpenTasks.Should().OnlyContain(t => t.Kind == "Review");
        corrected.OpenTasks.Select(t => t.Department).Should().BeEquivalentTo(["market", "fire", "urban", "water"]);
        replay.Should().BeEquivalentTo(corrected);
        await using (var db = Db())
        {
            var stored = await db.Cases.SingleAsync(c => c.Id == caseId);
            stored.Status.Should().Be(CaseStatus.InReview);
            stored.CorrectionsReceivedDate.Should().NotBeNull();
            (await db.AuditEvents.CountAsync(e => e.CaseId == caseId.Value && e.Action == AuditActions.CorrectionsReceived)).Should().Be(1);
        }
    }

    [Fact]
    public async Task Corrections_FromAWindowThatCannotSeeTheCase_AreNotFound_AndChangeNothing()
    {
        var caseId = await SubmitAndAcceptAsync(Clerk("market"), "restaurant-opening");

        var refused = await Run<SubmitCorrections, Result<SubmitCorrections.CorrectionsView>>(u =>
            u.ExecuteAsync(new(caseId.ToString(), [Form], "k"), Clerk("housing"), default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
        await using var db = Db();
        (await db.AuditEvents.CountAsync(e => e.CaseId == caseId.Value && e.Action == AuditActions.CorrectionsReceived)).Should().Be(0);
    }

    [Fact]
    public async Task Reads_TheInbox_TheCase_TheSearch_AndTheApplicantsProgress()
    {
        var receipt = Value(await SubmitAsync(Clerk("housing"), "construction-permit"));
        var caseId = new CaseId(Guid.Parse(receipt.Id));
        var acceptance = await OpenTaskAsync(caseId, TaskKind.Acceptance, "housing");

        var inbox = Value(await Run<ListTasks, Result<ListTasks.Page>>(u => u.ExecuteAsync(new(ListTasks.Scope.Department, 0, 20), Clerk("housing"), default)));
        var otherInbox = Value(await Run<ListTasks, Result<ListTasks.Page>>(u => u.ExecuteAsync(new(ListTasks.Scope.Department, 0, 20), Clerk("market"), default)));
        var detail = Value(await Run<GetCase, Result<CaseDetail>>(u => u.ExecuteAsync(new(receipt.Id), Clerk("housing"), default)));
        var hidden = await Run<GetCase, Result<CaseDetail>>(u => u.ExecuteAsync(new(receipt.Id), Reviewer("water"), default));
        var search = Value(await Run<ListCases, Result<ListCases.Page>>(u => u.ExecuteAsync(new(CaseStatus.Received, null, null, 0, 20), Supervisor, default)));
        var progress = Value(await Run<QueryCaseProgress, Result<QueryCaseProgress.Progress>>(u => u.ExecuteAsync(new(receipt.Number, receipt.QueryPassword), default)));
        var guessed = await Run<QueryCaseProgress, Result<QueryCaseProgress.Progress>>(u => u.ExecuteAsync(new(receipt.Number, "WRONG123"), default));

        inbox.Items.Select(t => t.Id).Should().Contain(acceptance.Id.ToString());
        otherInbox.Items.Select(t => t.Id).Should().NotContain(acceptance.Id.ToString());
        detail.Applicant.IdNumber.Should().Be("11010519491231002X", "the full read shows the applicant unmasked");
        hidden.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
        search.Items.Should().ContainSingle().Which.Applicant.IdNumber.Should().NotBe("11010519491231002X", "a list masks personal data");
        progress.Status.Should().Be("Received");
        guessed.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
        await using var db = Db();
        (await db.AuditEvents.Where(e => e.CaseId == caseId.Value && e.Action == AuditActions.PersonalDataRead).Select(e => e.Actor).ToListAsync())
            .Should().Equal("clerk.housing");
    }

    private async Task<CaseId> SubmitAndAcceptAsync(Actor clerk, string item)
    {
        var caseId = new CaseId(Guid.Parse(Value(await SubmitAsync(clerk, item)).Id));
        var acceptance = await OpenTaskAsync(caseId, TaskKind.Acceptance, clerk.Department!);
        var accepted = Value(await DecideAsync(acceptance.Id, Outcomes.Accepted, clerk, "Materials complete 材料齐全"));
        accepted.Outcome.Should().Be(Outcomes.Accepted);
        return caseId;
    }

    private Task<Result<UpdateDelivery.DeliveryView>> DeliverAsync(CaseId caseId, DeliveryStatus status) =>
        Run<UpdateDelivery, Result<UpdateDelivery.DeliveryView>>(u => u.ExecuteAsync(new(caseId.ToString(), status, null), Clerk("housing"), default));

    private Task<Result<SubmitCorrections.CorrectionsView>> CorrectAsync(CaseId caseId, string key) =>
        Run<SubmitCorrections, Result<SubmitCorrections.CorrectionsView>>(u =>
            u.ExecuteAsync(new(caseId.ToString(), [new("Floor plan 平面图")], key), Clerk("market"), default));
}

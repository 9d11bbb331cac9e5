using NodaTime;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Cases.Steps;
using OneStop.Workflows.Testing.Builders;

namespace OneStop.Workflows.Domain.Tests.Cases;

/// <summary>Merging and issuing a correction notice (一次性告知) (issue 9).</summary>
public class CorrectionNotice_Issue9Tests
{
    private static readonly Instant Now = CaseBuilder.ReceivedAt + Duration.FromDays(1);
    private static readonly CorrectionItem Plan = new("Floor plan 平面图", "Not to scale", "fire");

    [Fact]
    public void Merge_ListsEachMaterialOncePerDepartment()
    {
        var notice = new CorrectionNotice(Guid.NewGuid(), CaseId.New(), CorrectionStage.Review, Now);

        notice.Merge([Plan, Plan with { Department = "health" }]);
        notice.Merge([Plan, new CorrectionItem("Lease 租赁合同", "Expired", "health")]);

        notice.Items.Should().Equal(Plan, Plan with { Department = "health" }, new CorrectionItem("Lease 租赁合同", "Expired", "health"));
    }

    [Fact]
    public void AnIssuedNotice_CannotChange_OrBeIssuedAgain()
    {
        var notice = new CorrectionNotice(Guid.NewGuid(), CaseId.New(), CorrectionStage.Review, Now);
        notice.Merge([Plan]);
        notice.Issue("clerk.market", Now);

        ((Action)(() => notice.Merge([Plan with { Problem = "Other" }]))).Should().Throw<InvalidOperationException>();
        ((Action)(() => notice.Issue("clerk.market", Now))).Should().Throw<InvalidOperationException>();
        notice.Should().Match<CorrectionNotice>(n => n.IsIssued && n.IssuedBy == "clerk.market" && n.IssuedAt == Now);
    }

    [Fact]
    public void Text_NamesTheDepartmentOnlyWhenOneAsked()
    {
        var notice = new CorrectionNotice(Guid.NewGuid(), CaseId.New(), CorrectionStage.Acceptance, Now);
        notice.Merge([new CorrectionItem("ID card copy 身份证复印件", "Illegible"), Plan]);

        notice.Text("C-1").Should().Be(
            "Case C-1: please supply or correct the following materials (one-time notice): ID card copy 身份证复印件 — Illegible; Floor plan 平面图 — Not to scale (fire).");
    }

    [Fact]
    public void IssuingThroughTheChangeSet_PutsTheCaseInCorrection_TellsTheApplicant_AndAuditsBoth()
    {
        var c = new CaseBuilder().Accepted().Build();
        var notice = new CorrectionNotice(Guid.NewGuid(), c.Id, CorrectionStage.Review, Now);
        notice.Merge([Plan]);
        var changes = new CaseChangeSet(c, Now, "Sms");

        var notification = changes.IssueNotice(notice, "clerk.market");

        c.Status.Should().Be(CaseStatus.AwaitingCorrection);
        notification.Should().Match<Notification>(n => n.Channel == "Sms" && n.Kind == "CorrectionNotice" && n.Message == notice.Text(c.Number));
        changes.Notifications.Should().Equal(notification);
        changes.Audit.Select(a => (a.Action, a.Actor, a.Subject)).Should().Equal(
            (AuditActions.ApplicantNotified, SystemActor.Name, notification.Id.ToString()),
            (AuditActions.CorrectionNoticeIssued, "clerk.market", notice.Id.ToString()));
    }
}

using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Domain.Cases.Steps;

/// <summary>The approval effects a step reported, applied to the case.</summary>
public sealed partial class CaseStep
{
    private void Apply(StepEffect effect)
    {
        switch (effect.Effect)
        {
            case AcceptanceDecided a when a.Outcome == Outcomes.Accepted:
                if (a.Deemed)
                {
                    Case.AcceptDeemed(_now);
                }
                else
                {
                    Case.Accept(_today, _now);
                }

                _changes.WithdrawnSignals.Add(new(Case.Id.Value, SignalRules.DeemedAcceptance));
                _changes.Record(AuditActions.CaseAccepted, a.Actor, null, a.Opinion, details: new { a.Deemed },
                    publicText: $"Accepted 已受理{(a.Deemed ? " (deemed 视为受理)" : string.Empty)} (acceptance date {NodaTime.Text.LocalDatePattern.Iso.Format(Case.AcceptanceDate!.Value)})");
                break;
            case AcceptanceDecided a:
                _changes.WithdrawnSignals.Add(new(Case.Id.Value, SignalRules.DeemedAcceptance));
                _changes.Record(AuditActions.CaseNotAccepted, a.Actor, null, a.Opinion, publicText: "Not accepted 不予受理");
                break;
            case CorrectionRequested c:
                RequestCorrection(c);
                break;
            case CorrectionsReceived r:
                ReceiveCorrections(r);
                break;
            case ReviewDecided r:
                _changes.Record(AuditActions.ReviewDecided, r.Actor, r.Department, r.Opinion, details: new { r.Department, r.Outcome, r.Deemed },
                    publicText: r.Outcome == Outcomes.ReturnedForCorrection ? null : $"Review by {r.Department} completed 部门审查完成");
                break;
            case CompletionReached c:
                Complete(c.ResultDocument, c.RemedyRights);
                break;
            case NotificationRequested n:
                _changes.Notify(n.Kind, n.Message);
                break;
        }
    }

    /// <summary>
    /// A correction request: at acceptance (or under the Independent policy) the notice is issued at once; under
    /// ReturnForCorrection the reviews' requests merge into one draft that the lead window issues (a CorrectionNotice task).
    /// </summary>
    private void RequestCorrection(CorrectionRequested c)
    {
        if (c.Stage == CorrectionStage.Acceptance)
        {
            _changes.WithdrawnSignals.Add(new(Case.Id.Value, SignalRules.DeemedAcceptance));
        }

        var merge = c.Stage == CorrectionStage.Review && Case.RefusalPolicy == RefusalPolicy.ReturnForCorrection;
        var notice = merge ? _notices.FirstOrDefault(n => !n.IsIssued && n.Stage == CorrectionStage.Review) : null;
        if (notice is null)
        {
            notice = new CorrectionNotice(Shared.SequentialGuid.New(), Case.Id, c.Stage, _now);
            _notices.Add(notice);
            _changes.NewNotices.Add(notice);
            if (merge)
            {
                var window = new ApprovalTask(TaskId.New(), Case.Id, TaskKind.CorrectionNotice, Case.LeadDepartment, null, null, null, null, null, _now);
                AddTask(window);
                _changes.Record(AuditActions.TaskCreated, SystemActor.Name, window.Id.ToString(), "The lead window is to issue one merged correction notice.");
            }
        }

        notice.Merge(c.Items);
        _changes.Record(AuditActions.CorrectionRequested, c.Actor, c.Department, c.Opinion, details: new { c.Stage, c.Department, c.Items });
        if (!merge)
        {
            _changes.IssueNotice(notice, c.Actor);
        }
    }

    private void ReceiveCorrections(CorrectionsReceived r)
    {
        if (Case.Status != CaseStatus.AwaitingCorrection)
        {
            return;
        }

        Case.RecordCorrectionsReceived(_today, _now);
        foreach (var notice in _notices.Where(n => n.IsIssued))
        {
            notice.MarkAnswered(_now);
        }

        foreach (var paused in _tasks.Where(t => t.Status == ApprovalTaskStatus.Paused))
        {
            paused.Unpause();
            _changes.Changed(paused);
        }

        var corrections = _facts.Context as CorrectionsContext;
        _changes.Record(AuditActions.CorrectionsReceived, corrections?.Actor ?? SystemActor.Applicant, corrections?.IdempotencyKey, null, details: new { r.Stage, corrections?.Materials },
            publicText: "Corrected materials received 补正材料已收到");
    }

    /// <summary>Issues the decision derived from the reviews (<see cref="CaseDecisionRules"/>), cancels the open notice task and tells the applicant.</summary>
    private void Complete(string? resultDocument, string? remedyRights, string? note = null)
    {
        var reviews = _tasks.Where(t => t.Kind == TaskKind.Review && t.Status == ApprovalTaskStatus.Decided && t.Outcome is Outcomes.Approved or Outcomes.Rejected)
            .GroupBy(t => t.Department).Select(g => (g.Key, g.OrderBy(t => t.DecidedAt).Last().Outcome!)).ToList();
        var decision = CaseDecisionRules.Decide(Case.AcceptedAt is not null, reviews, Case.RefusalPolicy);
        var reasons = string.Join(" ", _tasks.Where(t => (t.Kind == TaskKind.Review && t.Outcome == Outcomes.Rejected) || (t.Kind == TaskKind.Acceptance && t.Outcome == Outcomes.Refused))
            .Select(t => $"[{t.Department}] {t.Opinion}"));
        Case.Complete(decision, string.IsNullOrWhiteSpace(reasons) ? note : reasons, remedyRights ?? CaseDecisionRules.DefaultRemedyRights, resultDocument, _today, _now);
        foreach (var open in _tasks.Where(t => t.Status is ApprovalTaskStatus.Open or ApprovalTaskStatus.Paused && t.Kind == TaskKind.CorrectionNotice))
        {
            open.Cancel(_now);
            _changes.Changed(open);
        }

        var text = decision switch
        {
            CaseDecision.Approved => $"Case {Case.Number}: approved 准予许可. {resultDocument}",
            CaseDecision.PartiallyApproved => $"Case {Case.Number}: partially approved 部分准予. Reasons: {Case.DecisionReasons}. {Case.RemedyRights}",
            _ => $"Case {Case.Number}: refused 不予许可. Reasons: {Case.DecisionReasons}. {Case.RemedyRights}",
        };
        _changes.Notify("Decision", text);
        _changes.Record(AuditActions.CaseCompleted, SystemActor.Name, null, Case.DecisionReasons, details: new { decision, resultDocument },
            publicText: $"Decision issued 已办结: {decision}");
    }
}

using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Persistence.Workflows;

namespace OneStop.Workflows.Persistence.Approval;

/// <summary>
/// Writes what a step of a case's instance means for the case, in the step's transaction: the case row at
/// submission, inbox tasks for new bookmarks, decided or cancelled tasks for removed ones, and the effects the
/// approval activities reported (acceptance, corrections, reviews, completion, notifications), all audited.
/// </summary>
public sealed class CaseStepWriter(CentreTimeZone centre, NotificationOptions notifications, Supervision.SignalPlanner planner,
    Calendar.OfficialCalendar calendar, CentreDay centreDay, ILogger<CaseStepWriter> logger) : IStepWriter
{
    public async Task WriteAsync(OneStopDbContext db, StepCommit commit, CancellationToken ct)
    {
        if (CaseIdOf(commit.Instance.State.Input) is not { } caseId)
        {
            return;
        }

        if (commit.ExpectedVersion is not null && commit.Context is not (DecideTaskContext or CorrectionsContext))
        {
            // Second line of defence: a case's steps are taken only through its tasks and corrections.
            throw new StepRefusedException("instance.case-owned", "A case's workflow is resumed only by deciding its tasks or recording corrections.");
        }

        var now = commit.Instance.UpdatedAt;
        var step = new CaseStep(db, commit, centre.DateOf(now), now, notifications.Channel);
        if (commit.Context is SubmitCaseContext submit)
        {
            db.Cases.Add(submit.Case);
            step.Case = submit.Case;
            step.Audit(AuditActions.CaseSubmitted, submit.Actor, null, $"Application received for {submit.Case.ServiceItemCode}.", publicText: "Application received 已收件");
            step.PlannedActions.Add((submit.Case.Id.Value, Domain.Supervision.SignalRules.DeemedAcceptance, submit.Case.ReceiptDate, DeemedAcceptanceWorkingDays));
        }
        else
        {
            step.Case = await db.Cases.FirstOrDefaultAsync(c => c.Id == caseId, ct)
                ?? throw new InvalidOperationException($"Instance {commit.Instance.Id} names case {caseId}, which does not exist.");
            step.Tasks.AddRange(await db.Tasks.Where(t => t.CaseId == caseId).ToListAsync(ct));
            step.Notices.AddRange(await db.CorrectionNotices.Where(n => n.CaseId == caseId && n.AnsweredAt == null).ToListAsync(ct));
            step.Clocks.AddRange(await db.Clocks.Where(c => c.CaseId == caseId).ToListAsync(ct));
        }

        step.Item = await db.ServiceItems.AsNoTracking().FirstOrDefaultAsync(i => i.Code == step.Case.ServiceItemCode, ct);

        step.CloseRemovedTasks();
        foreach (var effect in commit.Effects ?? [])
        {
            step.Apply(effect);
        }

        step.OpenTasksForNewBookmarks();
        step.CompleteIfFlowEnded();
        step.KeepClocksInStep();
        var ladder = planner.EffectiveFor(step.Item?.Data);
        foreach (var clock in step.TouchedClocks.Distinct())
        {
            await planner.ReplanAsync(db, clock, ladder, now, ct);
        }

        await WriteDeemedActionsAsync(db, step, commit, now, ct);

        foreach (var notification in step.NewNotifications)
        {
            logger.LogInformation("Notify {Channel} {Recipient} ({Kind}): {Message}", notification.Channel, Applicant.MaskPhone(notification.Recipient), notification.Kind, notification.Message);
        }
    }

    /// <summary>
    /// Deemed acceptance (5 WD after receipt, Art. 32) and deemed consent (a review's deemed-consent days) are action
    /// signals: planned when the case is received or the review opens, withdrawn when a decision or a correction
    /// notice comes first, marked fired by the step that carries them out.
    /// </summary>
    private async Task WriteDeemedActionsAsync(OneStopDbContext db, CaseStep step, StepCommit commit, Instant now, CancellationToken ct)
    {
        var cal = await calendar.CurrentAsync(ct);
        foreach (var (subject, rule, start, days) in step.PlannedActions)
        {
            var due = centreDay.EndOf(cal.Due(start, days, Domain.Catalogue.TimeUnit.WorkingDays).Due);
            db.Signals.Add(new Supervision.SignalRow
            {
                Id = Domain.Shared.SequentialGuid.New(), CaseId = step.Case.Id.Value, SubjectId = subject,
                ClockId = rule == Domain.Supervision.SignalRules.DeemedConsent ? step.Clocks.FirstOrDefault(c => c.TaskId == subject)?.Id : null,
                SubjectKind = rule == Domain.Supervision.SignalRules.DeemedConsent ? Domain.Clocks.ClockKind.Step : Domain.Clocks.ClockKind.Case,
                Rule = rule, Level = Domain.Supervision.SignalLevel.Action, DueAt = due, CreatedAt = now,
                Basis = rule == Domain.Supervision.SignalRules.DeemedConsent
                    ? $"No opinion within {days} working days counts as consent."
                    : "No acceptance decision or correction notice within 5 working days of receipt (Art. 32): deemed accepted.",
            });
        }

        var carriedOut = (commit.Context as DecideTaskContext)?.SignalId ?? Guid.Empty;
        foreach (var (subject, rule) in step.WithdrawnActions)
        {
            await db.Signals.Where(s => s.SubjectId == subject && s.Rule == rule && s.FiredAt == null && s.Id != carriedOut).ExecuteDeleteAsync(ct);
        }

        if (commit.Context is DecideTaskContext { SignalId: { } signalId })
        {
            await db.Signals.Where(s => s.Id == signalId && s.FiredAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.FiredAt, now), ct);
        }
    }

    /// <summary>Licensing Law Art. 32: an acceptance decision or a correction notice within 5 working days.</summary>
    public const int DeemedAcceptanceWorkingDays = 5;

    private static CaseId? CaseIdOf(JsonObject? input) =>
        input?[CaseWorkflowInput.CaseId] is JsonValue v && CaseId.TryParse(v.GetValue<string>(), out var id) ? id : null;

    /// <summary>The working set of one step for one case.</summary>
    private sealed class CaseStep(OneStopDbContext db, StepCommit commit, LocalDate today, Instant now, string channel)
    {
        public Case Case { get; set; } = null!;

        public List<ApprovalTask> Tasks { get; } = [];

        public List<CorrectionNotice> Notices { get; } = [];

        public List<Notification> NewNotifications { get; } = [];

        public List<Domain.Clocks.Clock> Clocks { get; } = [];

        public List<Domain.Clocks.Clock> TouchedClocks { get; } = [];

        public Domain.Catalogue.ServiceItem? Item { get; set; }

        public List<(Guid Subject, string Rule, LocalDate Start, int Days)> PlannedActions { get; } = [];

        public List<(Guid Subject, string Rule)> WithdrawnActions { get; } = [];

        /// <summary>
        /// The case clock starts on acceptance (start day = the acceptance date); each open review has a step clock;
        /// a decided or cancelled review stops its clock, and completion stops them all.
        /// </summary>
        public void KeepClocksInStep()
        {
            if (Case.AcceptedAt is not null && !Case.IsClosed && Clocks.All(c => c.Kind != Domain.Clocks.ClockKind.Case) && Item is { } item)
            {
                AddClock(new Domain.Clocks.Clock(Domain.Shared.SequentialGuid.New(), Case.Id, null, Domain.Clocks.ClockKind.Case, Case.AcceptanceDate!.Value,
                    item.Data.PromisedLimit, item.Data.StatutoryLimit, item.Data.StatutoryExtension, now));
            }

            foreach (var task in Tasks.Where(t => t.Kind == TaskKind.Review && t.Status is ApprovalTaskStatus.Open or ApprovalTaskStatus.Paused && t.TimeLimitWorkingDays is not null))
            {
                if (Clocks.All(c => c.TaskId != task.Id))
                {
                    AddClock(new Domain.Clocks.Clock(Domain.Shared.SequentialGuid.New(), Case.Id, task.Id, Domain.Clocks.ClockKind.Step, today,
                        Domain.Catalogue.TimeLimit.WorkingDays(task.TimeLimitWorkingDays!.Value), null, null, now));
                }
            }

            foreach (var clock in Clocks.Where(c => !c.IsStopped))
            {
                var done = Case.IsClosed || (clock.TaskId is { } taskId && Tasks.FirstOrDefault(t => t.Id == taskId) is { Status: ApprovalTaskStatus.Decided or ApprovalTaskStatus.Cancelled });
                if (done)
                {
                    clock.Stop(now, today);
                    TouchedClocks.Add(clock);
                }
            }
        }

        private void AddClock(Domain.Clocks.Clock clock)
        {
            db.Clocks.Add(clock);
            Clocks.Add(clock);
            TouchedClocks.Add(clock);
        }

        public void CloseRemovedTasks()
        {
            var decide = commit.Context as DecideTaskContext;
            foreach (var task in Tasks.Where(t => t.BookmarkId is { } b && commit.RemovedBookmarks.Contains(b) && t.Status is ApprovalTaskStatus.Open or ApprovalTaskStatus.Paused))
            {
                WithdrawnActions.Add((task.Id, Domain.Supervision.SignalRules.DeemedConsent));
                if (decide?.TaskId == task.Id)
                {
                    if (task.Status == ApprovalTaskStatus.Paused)
                    {
                        throw new StepRefusedException("task.paused", "The task is paused until the applicant's corrections arrive.");
                    }

                    var input = DecisionOf(commit);
                    task.Decide(input.Outcome, input.Opinion, decide.Actor, decide.IdempotencyKey, now);
                    if (task.Kind == TaskKind.Acceptance)
                    {
                        Case.TakeOwnership(decide.Actor, now);
                    }
                }
                else if (commit.Context is not CorrectionsContext)
                {
                    task.Cancel(now);
                    Audit(AuditActions.TaskCancelled, SystemActor.Name, task.Id.ToString(), $"{task.Kind} task of {task.Department} cancelled.");
                }
            }
        }

        public void Apply(StepEffect effect)
        {
            switch (effect.Effect)
            {
                case AcceptanceDecided a when a.Outcome == Outcomes.Accepted:
                    if (a.Deemed)
                    {
                        Case.AcceptDeemed(now);
                    }
                    else
                    {
                        Case.Accept(today, now);
                    }

                    WithdrawnActions.Add((Case.Id.Value, Domain.Supervision.SignalRules.DeemedAcceptance));
                    Audit(AuditActions.CaseAccepted, a.Actor, null, a.Opinion, details: new { a.Deemed },
                        publicText: $"Accepted 已受理{(a.Deemed ? " (deemed 视为受理)" : string.Empty)} (acceptance date {NodaTime.Text.LocalDatePattern.Iso.Format(Case.AcceptanceDate!.Value)})");
                    break;
                case AcceptanceDecided a:
                    WithdrawnActions.Add((Case.Id.Value, Domain.Supervision.SignalRules.DeemedAcceptance));
                    Audit(AuditActions.CaseNotAccepted, a.Actor, null, a.Opinion, publicText: "Not accepted 不予受理");
                    break;
                case CorrectionRequested c:
                    RequestCorrection(c);
                    break;
                case CorrectionsReceived r:
                    ReceiveCorrections(r);
                    break;
                case ReviewDecided r:
                    Audit(AuditActions.ReviewDecided, r.Actor, r.Department, r.Opinion, details: new { r.Department, r.Outcome, r.Deemed },
                        publicText: r.Outcome == Outcomes.ReturnedForCorrection ? null : $"Review by {r.Department} completed 部门审查完成");
                    break;
                case CompletionReached c:
                    Complete(c.ResultDocument, c.RemedyRights);
                    break;
                case NotificationRequested n:
                    Notify(n.Kind, n.Message);
                    break;
            }
        }

        public void OpenTasksForNewBookmarks()
        {
            foreach (var bookmark in commit.CreatedBookmarks)
            {
                var kind = Text(bookmark.Payload, ApprovalBookmarks.Task) switch
                {
                    ApprovalBookmarks.AcceptanceTask => TaskKind.Acceptance,
                    ApprovalBookmarks.ReviewTask => TaskKind.Review,
                    _ => (TaskKind?)null,
                };
                if (kind is null)
                {
                    continue;
                }

                var department = Text(bookmark.Payload, ApprovalBookmarks.Department) is { Length: > 0 } d ? d : Case.LeadDepartment;
                var task = new ApprovalTask(Domain.Shared.SequentialGuid.New(), Case.Id, kind.Value, department, bookmark.ActivityId, commit.Instance.Id, bookmark.Id,
                    Int(bookmark.Payload, ApprovalBookmarks.TimeLimit), Int(bookmark.Payload, ApprovalBookmarks.DeemedConsent), now);
                if (kind == TaskKind.Review && Case.Status == CaseStatus.AwaitingCorrection && Case.RefusalPolicy == Domain.Catalogue.RefusalPolicy.ReturnForCorrection)
                {
                    task.Pause();
                }

                db.Tasks.Add(task);
                Tasks.Add(task);
                Audit(AuditActions.TaskCreated, SystemActor.Name, task.Id.ToString(), $"{kind} task for {department}.", details: new { task.Id, kind, department });
                if (task.DeemedConsentDays is > 0 and var days)
                {
                    PlannedActions.Add((task.Id, Domain.Supervision.SignalRules.DeemedConsent, today, days));
                }
            }
        }

        public void CompleteIfFlowEnded()
        {
            if (commit.Instance.State.Status == WorkflowStatus.Finished && !Case.IsClosed)
            {
                Complete(null, CaseDecisionRules.DefaultRemedyRights, "The flow ended without an explicit completion.");
            }
        }

        private void RequestCorrection(CorrectionRequested c)
        {
            if (c.Stage == CorrectionStage.Acceptance)
            {
                WithdrawnActions.Add((Case.Id.Value, Domain.Supervision.SignalRules.DeemedAcceptance));
            }

            var merge = c.Stage == CorrectionStage.Review && Case.RefusalPolicy == Domain.Catalogue.RefusalPolicy.ReturnForCorrection;
            var notice = merge ? Notices.FirstOrDefault(n => !n.IsIssued && n.Stage == CorrectionStage.Review) : null;
            if (notice is null)
            {
                notice = new CorrectionNotice(Domain.Shared.SequentialGuid.New(), Case.Id, c.Stage, now);
                db.CorrectionNotices.Add(notice);
                Notices.Add(notice);
                if (merge)
                {
                    var window = new ApprovalTask(Domain.Shared.SequentialGuid.New(), Case.Id, TaskKind.CorrectionNotice, Case.LeadDepartment, null, null, null, null, null, now);
                    db.Tasks.Add(window);
                    Tasks.Add(window);
                    Audit(AuditActions.TaskCreated, SystemActor.Name, window.Id.ToString(), "The lead window is to issue one merged correction notice.");
                }
            }

            notice.Merge(c.Items);
            Audit(AuditActions.CorrectionRequested, c.Actor, c.Department, c.Opinion, details: new { c.Stage, c.Department, c.Items });
            if (!merge)
            {
                IssueNotice(notice, c.Actor);
            }
        }

        private void IssueNotice(CorrectionNotice notice, string actor) =>
            NewNotifications.Add(CaseRecords.IssueNotice(db, Case, notice, actor, now, channel));

        private void ReceiveCorrections(CorrectionsReceived r)
        {
            if (Case.Status == CaseStatus.AwaitingCorrection)
            {
                Case.RecordCorrectionsReceived(today, now);
                foreach (var notice in Notices.Where(n => n.IsIssued))
                {
                    notice.MarkAnswered(now);
                }

                foreach (var paused in Tasks.Where(t => t.Status == ApprovalTaskStatus.Paused))
                {
                    paused.Unpause();
                }

                var corrections = commit.Context as CorrectionsContext;
                Audit(AuditActions.CorrectionsReceived, corrections?.Actor ?? SystemActor.Applicant, corrections?.IdempotencyKey, null, details: new { r.Stage, corrections?.Materials },
                    publicText: "Corrected materials received 补正材料已收到");
            }
        }

        private void Complete(string? resultDocument, string? remedyRights, string? note = null)
        {
            var reviews = Tasks.Where(t => t.Kind == TaskKind.Review && t.Status == ApprovalTaskStatus.Decided && t.Outcome is Outcomes.Approved or Outcomes.Rejected)
                .GroupBy(t => t.Department).Select(g => (g.Key, g.OrderBy(t => t.DecidedAt).Last().Outcome!)).ToList();
            var decision = CaseDecisionRules.Decide(Case.AcceptedAt is not null, reviews, Case.RefusalPolicy);
            var reasons = string.Join(" ", Tasks.Where(t => (t.Kind == TaskKind.Review && t.Outcome == Outcomes.Rejected) || (t.Kind == TaskKind.Acceptance && t.Outcome == Outcomes.Refused))
                .Select(t => $"[{t.Department}] {t.Opinion}"));
            Case.Complete(decision, string.IsNullOrWhiteSpace(reasons) ? note : reasons, remedyRights ?? CaseDecisionRules.DefaultRemedyRights, resultDocument, today, now);
            foreach (var open in Tasks.Where(t => t.Status is ApprovalTaskStatus.Open or ApprovalTaskStatus.Paused && t.Kind == TaskKind.CorrectionNotice))
            {
                open.Cancel(now);
            }

            var text = decision switch
            {
                CaseDecision.Approved => $"Case {Case.Number}: approved 准予许可. {resultDocument}",
                CaseDecision.PartiallyApproved => $"Case {Case.Number}: partially approved 部分准予. Reasons: {Case.DecisionReasons}. {Case.RemedyRights}",
                _ => $"Case {Case.Number}: refused 不予许可. Reasons: {Case.DecisionReasons}. {Case.RemedyRights}",
            };
            Notify("Decision", text);
            Audit(AuditActions.CaseCompleted, SystemActor.Name, null, Case.DecisionReasons, details: new { decision, resultDocument },
                publicText: $"Decision issued 已办结: {decision}");
        }

        private void Notify(string kind, string message) =>
            NewNotifications.Add(CaseRecords.Notify(db, Case, now, channel, kind, message));

        public void Audit(string action, string actor, string? subject, string? reason, object? details = null, string? publicText = null) =>
            CaseRecords.Audit(db, Case, now, action, actor, subject, reason, details, publicText);

        /// <summary>The decided task's outcome: the first effect of the step is the resumed activity's own.</summary>
        private static (string Outcome, string? Opinion) DecisionOf(StepCommit commit) =>
            (commit.Effects ?? []).Select(e => e.Effect).FirstOrDefault() switch
            {
                ReviewDecided r => (r.Outcome, r.Opinion),
                AcceptanceDecided a => (a.Outcome, a.Opinion),
                CorrectionRequested c => (Outcomes.CorrectionRequested, c.Opinion),
                _ => ("Unknown", null),
            };

        private static string? Text(JsonObject? payload, string key) => payload?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        private static int? Int(JsonObject? payload, string key) => payload?[key] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
    }
}

/// <summary>Where applicant notifications go (setting <c>Notifications:Channel</c>; default <c>Log</c>).</summary>
public sealed record NotificationOptions(string Channel = "Log");

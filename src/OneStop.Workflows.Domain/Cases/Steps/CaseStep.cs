using System.Text.Json.Nodes;
using NodaTime;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Domain.Cases.Steps;

/// <summary>
/// The case step: what one workflow step means for its case. Tasks of removed bookmarks are decided or cancelled, the
/// approval effects applied (acceptance, corrections, reviews, completion, notifications), tasks opened for new
/// bookmarks, the case completed if the flow ended, clocks started and stopped, deemed actions planned and withdrawn.
/// Pure: the caller loads the working set and stores the returned <see cref="CaseChangeSet"/>.
/// </summary>
public sealed partial class CaseStep
{
    private readonly CaseStepFacts _facts;
    private readonly List<ApprovalTask> _tasks;
    private readonly List<CorrectionNotice> _notices;
    private readonly List<Clock> _clocks;
    private readonly ServiceItem? _item;
    private readonly LocalDate _today;
    private readonly Instant _now;
    private readonly CaseChangeSet _changes;
    // The subject is a case id (deemed acceptance) or a review task id (deemed consent), so it stays a raw Guid, as the signal row's SubjectId.
    private readonly List<(Guid Subject, string Rule, LocalDate Start, int Days)> _plans = [];

    private CaseStep(CaseWorkingSet set, CaseStepFacts facts, LocalDate today, Instant now, string channel)
    {
        _facts = facts;
        _tasks = [.. set.Tasks];
        _notices = [.. set.OpenNotices];
        _clocks = [.. set.Clocks];
        _item = set.Item;
        _today = today;
        _now = now;
        _changes = new CaseChangeSet(set.Case, now, channel);
    }

    private Case Case => _changes.Case;

    /// <summary>Computes the step's changes to <paramref name="set"/> at <paramref name="now"/> (<paramref name="today"/> in the centre).</summary>
    /// <param name="calendar">The working-day calendar in force, for the deemed actions' due days.</param>
    /// <exception cref="StepRefusedException">Code <c>task.paused</c>: the decided task waits for corrections.</exception>
    public static CaseChangeSet Run(CaseWorkingSet set, CaseStepFacts facts, LocalDate today, Instant now, string channel, WorkingDayCalendar calendar, CentreDay centreDay)
    {
        var step = new CaseStep(set, facts, today, now, channel);
        if (set.IsNew && facts.Context is SubmitCaseContext submit)
        {
            step._changes.Record(AuditActions.CaseSubmitted, submit.Actor, null, $"Application received for {set.Case.ServiceItemCode}.", publicText: "Application received 已收件");
            step._plans.Add((set.Case.Id.Value, SignalRules.DeemedAcceptance, set.Case.ReceiptDate, DeemedActions.AcceptanceWorkingDays));
        }

        step.CloseRemovedTasks();
        foreach (var effect in facts.Effects)
        {
            step.Apply(effect);
        }

        step.OpenTasksForNewBookmarks();
        step.CompleteIfFlowEnded();
        step.KeepClocksInStep();
        step.PlanDeemedActions(calendar, centreDay);
        step._changes.FiredSignal = (facts.Context as DecideTaskContext)?.SignalId;
        return step._changes;
    }

    private void CloseRemovedTasks()
    {
        var decide = _facts.Context as DecideTaskContext;
        if (decide is not null)
        {
            decide.Decided = null; // a retried attempt starts afresh
        }

        foreach (var task in _tasks.Where(t => t.BookmarkId is { } b && _facts.RemovedBookmarks.Contains(b) && t.Status is ApprovalTaskStatus.Open or ApprovalTaskStatus.Paused))
        {
            _changes.WithdrawnSignals.Add(new(task.Id.Value, SignalRules.DeemedConsent));
            if (decide?.TaskId == task.Id)
            {
                if (task.Status == ApprovalTaskStatus.Paused)
                {
                    throw new StepRefusedException("task.paused", "The task is paused until the applicant's corrections arrive.");
                }

                var (outcome, opinion) = DecisionOf(_facts.Effects);
                task.Decide(outcome, opinion, decide.Actor, decide.IdempotencyKey, _now);
                _changes.Changed(task);
                decide.Decided = task;
                if (task.Kind == TaskKind.Acceptance)
                {
                    Case.TakeOwnership(decide.Actor, _now);
                }
            }
            else if (_facts.Context is not CorrectionsContext)
            {
                task.Cancel(_now);
                _changes.Changed(task);
                _changes.Record(AuditActions.TaskCancelled, SystemActor.Name, task.Id.ToString(), $"{task.Kind} task of {task.Department} cancelled.");
            }
        }
    }

    private void OpenTasksForNewBookmarks()
    {
        foreach (var bookmark in _facts.CreatedBookmarks)
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
            var task = new ApprovalTask(TaskId.New(), Case.Id, kind.Value, department, bookmark.ActivityId, _facts.InstanceId, bookmark.Id,
                Int(bookmark.Payload, ApprovalBookmarks.TimeLimit), Int(bookmark.Payload, ApprovalBookmarks.DeemedConsent), _now);
            if (kind == TaskKind.Review && Case.Status == CaseStatus.AwaitingCorrection && Case.RefusalPolicy == RefusalPolicy.ReturnForCorrection)
            {
                task.Pause();
            }

            AddTask(task);
            _changes.Record(AuditActions.TaskCreated, SystemActor.Name, task.Id.ToString(), $"{kind} task for {department}.", details: new { task.Id, kind, department });
            if (task.DeemedConsentDays is > 0 and var days)
            {
                _plans.Add((task.Id.Value, SignalRules.DeemedConsent, _today, days));
            }
        }
    }

    private void CompleteIfFlowEnded()
    {
        if (_facts.InstanceStatus == WorkflowStatus.Finished && !Case.IsClosed)
        {
            Complete(null, CaseDecisionRules.DefaultRemedyRights, "The flow ended without an explicit completion.");
        }
    }

    /// <summary>
    /// The case clock starts on acceptance (start day = the acceptance date); each open review has a step clock;
    /// a decided or cancelled review stops its clock, and completion stops them all.
    /// </summary>
    private void KeepClocksInStep()
    {
        if (Case.AcceptedAt is not null && !Case.IsClosed && _clocks.All(c => c.Kind != ClockKind.Case) && _item is { } item)
        {
            StartClock(new Clock(ClockId.New(), Case.Id, null, ClockKind.Case, Case.AcceptanceDate!.Value,
                item.Data.PromisedLimit, item.Data.StatutoryLimit, item.Data.StatutoryExtension, _now));
        }

        foreach (var task in _tasks.Where(t => t.Kind == TaskKind.Review && t.Status is ApprovalTaskStatus.Open or ApprovalTaskStatus.Paused && t.TimeLimitWorkingDays is not null))
        {
            if (_clocks.All(c => c.TaskId != task.Id))
            {
                StartClock(new Clock(ClockId.New(), Case.Id, task.Id, ClockKind.Step, _today, TimeLimit.WorkingDays(task.TimeLimitWorkingDays!.Value), null, null, _now));
            }
        }

        foreach (var clock in _clocks.Where(c => !c.IsStopped))
        {
            var done = Case.IsClosed || (clock.TaskId is { } taskId && _tasks.FirstOrDefault(t => t.Id == taskId) is { Status: ApprovalTaskStatus.Decided or ApprovalTaskStatus.Cancelled });
            if (done)
            {
                clock.Stop(_now, _today);
                _changes.Stopped(clock);
            }
        }
    }

    /// <summary>
    /// Deemed acceptance (5 WD after receipt, Art. 32) and deemed consent (a review's deemed-consent days) are action
    /// signals: planned when the case is received or the review opens, withdrawn when a decision or a correction
    /// notice comes first, marked fired by the step that carries them out.
    /// </summary>
    private void PlanDeemedActions(WorkingDayCalendar calendar, CentreDay centreDay)
    {
        foreach (var (subject, rule, start, days) in _plans)
        {
            _changes.PlannedSignals.Add(rule == SignalRules.DeemedConsent
                ? DeemedActions.Consent(_tasks.First(t => t.Id.Value == subject), _clocks.FirstOrDefault(c => c.TaskId?.Value == subject)?.Id, days, start, calendar, centreDay)
                : DeemedActions.Acceptance(Case, calendar, centreDay));
        }
    }

    private void StartClock(Clock clock)
    {
        _clocks.Add(clock);
        _changes.Started(clock);
    }

    private void AddTask(ApprovalTask task)
    {
        _tasks.Add(task);
        _changes.NewTasks.Add(task);
    }

    /// <summary>The decided task's outcome: the first effect of the step is the resumed activity's own.</summary>
    private static (string Outcome, string? Opinion) DecisionOf(IReadOnlyList<StepEffect> effects) =>
        effects.Select(e => e.Effect).FirstOrDefault() switch
        {
            ReviewDecided r => (r.Outcome, r.Opinion),
            AcceptanceDecided a => (a.Outcome, a.Opinion),
            CorrectionRequested c => (Outcomes.CorrectionRequested, c.Opinion),
            _ => ("Unknown", null),
        };

    private static string? Text(JsonObject? payload, string key) => payload?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonObject? payload, string key) => payload?[key] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}

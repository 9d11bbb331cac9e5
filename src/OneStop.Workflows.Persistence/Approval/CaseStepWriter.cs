using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Cases.Steps;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence.Workflows;

namespace OneStop.Workflows.Persistence.Approval;

/// <summary>
/// Stores what a step of a case's instance means for the case, in the step's transaction: loads the case's working set,
/// runs the domain <see cref="CaseStep"/>, adds its change set, re-plans the touched clocks' signals and writes the
/// deemed-action signals. The rules are the domain's; this adapter only loads and stores.
/// </summary>
public sealed class CaseStepWriter(CentreTimeZone centre, NotificationOptions notifications, Supervision.SignalPlanner planner,
    Calendar.EffectiveCalendarStore calendar, CentreDay centreDay, ServiceItemCache items, ILogger<CaseStepWriter> logger) : IStepWriter
{
    public async Task WriteAsync(OneStopDbContext db, StepCommit commit, CancellationToken ct)
    {
        if (CaseIdOf(commit.Instance.State.Input) is not { } caseId)
        {
            return;
        }

        var facts = CaseStepFacts.From(commit);
        facts.EnsureCaseOwned();
        var now = commit.Instance.UpdatedAt;
        var set = await LoadAsync(db, caseId, commit, ct);
        var wasClosed = set.Case.IsClosed;
        var changes = CaseStep.Run(set, facts, centre.DateOf(now), now, notifications.Channel, await calendar.CurrentAsync(ct), centreDay);

        db.Tasks.AddRange(changes.NewTasks);
        db.CorrectionNotices.AddRange(changes.NewNotices);
        db.Clocks.AddRange(changes.NewClocks);
        db.Notifications.AddRange(changes.Notifications);
        CaseRecords.Store(db, changes);

        // A new window task timed by a case clock the step left alone still needs its due day (ADR 0009): re-plan that clock too
        // (a diff: it writes no signal when nothing changed).
        var replan = changes.NewTasks.Any(t => t.Kind != TaskKind.Review)
            ? changes.TouchedClocks.Union(set.Clocks.Where(c => c.Kind == Domain.Clocks.ClockKind.Case && !c.IsStopped)).ToList()
            : changes.TouchedClocks;
        await planner.ReplanAsync(db, replan, planner.EffectiveFor(set.Item?.Data), now, ct, trackedCase: set.Case.Id);

        await WriteDeemedActionsAsync(db, changes, ct);
        if (!wasClosed && set.Case.IsClosed)
        {
            await Supervision.SignalBoardKeys.CloseCaseAsync(db, set.Case.Id, ct);
        }

        foreach (var notification in changes.Notifications)
        {
            logger.LogInformation("Notify {Channel} {Recipient} ({Kind}): {Message}", notification.Channel, Applicant.MaskPhone(notification.Recipient), notification.Kind, notification.Message);
        }
    }

    /// <summary>The working set, one query each (in one round trip on PostgreSQL, <see cref="Shared.BatchedReads"/>): the submitted case (added), or the stored case, its tasks, open notices and clocks; and its item (kept per node, <see cref="ServiceItemCache"/>).</summary>
    private async Task<CaseWorkingSet> LoadAsync(OneStopDbContext db, CaseId caseId, StepCommit commit, CancellationToken ct)
    {
        if (commit.Context is SubmitCaseContext submit)
        {
            db.Cases.Add(submit.Case);
            return CaseWorkingSet.ForSubmission(submit.Case, await ItemAsync(db, submit.Case, ct));
        }

        var (c, tasks, notices, clocks) = await StepQueries.For(db).WorkingSetAsync(db, caseId, ct);
        if (c is null)
        {
            throw new InvalidOperationException($"Instance {commit.Instance.Id} names case {caseId}, which does not exist.");
        }

        return new CaseWorkingSet(c, false, tasks, notices, clocks, await ItemAsync(db, c, ct));
    }

    private Task<Domain.Catalogue.ServiceItem?> ItemAsync(OneStopDbContext db, Case c, CancellationToken ct) =>
        items.FindAsync(db, c.ServiceItemCode, ct);

    /// <summary>Adds the planned deemed-action signals, deletes the withdrawn pending ones (never the one carried out) and marks that one fired.</summary>
    private static async Task WriteDeemedActionsAsync(OneStopDbContext db, CaseChangeSet changes, CancellationToken ct)
    {
        foreach (var plan in changes.PlannedSignals)
        {
            db.Signals.Add(new Supervision.SignalRow
            {
                Id = SignalId.New(), CaseId = plan.CaseId, SubjectId = plan.SubjectId, ClockId = plan.ClockId, SubjectKind = plan.SubjectKind,
                Rule = plan.Rule, Level = plan.Level, DueAt = plan.DueAt, CreatedAt = changes.Now, Basis = plan.Basis,
            });
        }

        var carriedOut = changes.FiredSignal ?? new SignalId(Guid.Empty);
        foreach (var (subject, rule) in changes.WithdrawnSignals)
        {
            if (db.Database.IsNpgsql())
            {
                // In the save's round trip, before the new deemed-action signals (which may take the withdrawn one's key).
                db.StepStatements.Add((WithdrawPending, [subject, rule, carriedOut.Value]));
                continue;
            }

            await db.Signals.Where(s => s.SubjectId == subject && s.Rule == rule && s.FiredAt == null && s.Id != carriedOut).ExecuteDeleteAsync(ct);
        }

        if (changes.FiredSignal is { } signalId)
        {
            var now = changes.Now;
            await db.Signals.Where(s => s.Id == signalId && s.FiredAt == null).ExecuteUpdateAsync(u => Supervision.SignalBoardKeys.SetBoardKeys(u.SetProperty(s => s.FiredAt, now), db), ct);
        }
    }

    private const string WithdrawPending =
        "DELETE FROM onestop.supervision_signals WHERE subject_id = $1 AND rule = $2 AND fired_at IS NULL AND id <> $3";

    private static CaseId? CaseIdOf(JsonObject? input) =>
        input?[CaseWorkflowInput.CaseId] is JsonValue v && CaseId.TryParse(v.GetValue<string>(), out var id) ? id : null;
}

/// <summary>Where applicant notifications go (setting <c>Notifications:Channel</c>; default <c>Log</c>).</summary>
public sealed record NotificationOptions(string Channel = "Log");

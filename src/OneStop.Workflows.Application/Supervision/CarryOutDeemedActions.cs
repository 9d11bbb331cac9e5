using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Engine.Hosting;
using OneStop.Workflows.Persistence;

namespace OneStop.Workflows.Application.Supervision;

/// <summary>
/// The job's use case (actor: <c>system</c>): carries out due deemed decisions: deemed acceptance (Art. 32) and deemed consent of a silent department. Each is
/// the task's decision by <c>system</c>, resumed with the signal id as its idempotency key, and the same step marks
/// the signal fired — so a decision is taken once however often sweeps rerun.
/// </summary>
public sealed class CarryOutDeemedActions(IDbContextFactory<OneStopDbContext> contexts, WorkflowHost host, IClock clock, ILogger<CarryOutDeemedActions> logger)
{
    public const int BatchSize = 200;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        List<(Persistence.Supervision.SignalRow Signal, ApprovalTask? Task)> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var signals = await db.Signals.AsNoTracking()
                .Where(s => s.FiredAt == null && s.Level == SignalLevel.Action && s.DueAt <= now)
                .OrderBy(s => s.DueAt).Take(BatchSize).ToListAsync(ct);
            due = [];
            foreach (var signal in signals)
            {
                var caseId = new CaseId(signal.CaseId);
                var subjectTask = new TaskId(signal.SubjectId); // a deemed consent's subject is its review task
                var task = signal.Rule == SignalRules.DeemedAcceptance
                    ? await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.CaseId == caseId && t.Kind == TaskKind.Acceptance && t.Status == ApprovalTaskStatus.Open, ct)
                    : await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == subjectTask && t.Status == ApprovalTaskStatus.Open, ct);
                due.Add((signal, task));
            }
        }

        var done = 0;
        foreach (var (signal, task) in due)
        {
            if (task?.InstanceId is not { } instance || task.BookmarkId is not { } bookmark)
            {
                continue; // not decidable now (e.g. paused, or already decided): a decision withdraws the signal.
            }

            var input = DeemedActionRules.DecisionInput(signal.Rule, signal.Basis);
            var key = DeemedActionRules.IdempotencyKey(signal.Id);
            try
            {
                var outcome = await host.ResumeAsync(new ResumeCommand(instance, bookmark, input, key, new DecideTaskContext(task.Id, SystemActor.Name, key, signal.Id)), ct);
                done += outcome.Summary is not null ? 1 : 0;
            }
            catch (StepRefusedException refused)
            {
                logger.LogInformation("Deemed decision {Rule} for case {Case} not taken: {Reason}", signal.Rule, signal.CaseId, refused.Message);
            }
        }

        return done;
    }
}

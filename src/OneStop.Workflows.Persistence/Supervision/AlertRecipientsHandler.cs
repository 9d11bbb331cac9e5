using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>
/// Writes the alerts of each fired signal, in the firing transaction (<see cref="DeadlineSweeper"/> calls it once per
/// batch), one per recipient of <see cref="AlertRecipients"/>, and answers their ids so that whoever swept can push them
/// once the transaction has committed.
/// </summary>
/// <remarks>
/// Per batch it reads the active staff, the reviews behind the step signals and the cases behind the rest once each
/// (three queries, whatever the batch size). Stateless, so one instance serves every sweeper.
/// </remarks>
public sealed class AlertRecipientsHandler : ISignalFiredHandler
{
    public async Task<FiredBatchWrites> HandleAsync(OneStopDbContext db, IReadOnlyList<SignalRow> fired, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fired);
        var cards = fired.Where(s => s.Level != SignalLevel.Action).ToList();
        if (cards.Count == 0)
        {
            return FiredBatchWrites.None;
        }

        var taskIds = cards.Where(s => s.SubjectKind == ClockKind.Step).Select(s => new TaskId(s.SubjectId)).Distinct().ToList();
        var tasks = taskIds.Count == 0
            ? []
            : await db.Tasks.AsNoTracking().Where(t => taskIds.Contains(t.Id))
                .Select(t => new { t.Id, t.Department, t.Assignee }).ToDictionaryAsync(t => t.Id.Value, ct);
        var caseIds = cards.Where(s => !tasks.ContainsKey(s.SubjectId)).Select(s => new CaseId(s.CaseId)).Distinct().ToList();
        var leads = caseIds.Count == 0
            ? []
            : await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
                .Select(c => new { c.Id, c.LeadDepartment }).ToDictionaryAsync(c => c.Id.Value, c => c.LeadDepartment, ct);
        var staff = await db.Users.AsNoTracking().Where(u => u.IsActive)
            .Select(u => new AlertStaff(u.UserName, u.Role, u.DepartmentCode, u.Memberships.Select(m => m.DepartmentCode).ToList())).ToListAsync(ct);

        var alerts = db.Set<AlertRow>();
        var written = new List<Guid>();
        foreach (var signal in cards)
        {
            var task = tasks.GetValueOrDefault(signal.SubjectId);
            var department = task?.Department ?? leads.GetValueOrDefault(signal.CaseId);
            var firedAt = signal.FiredAt ?? throw new InvalidOperationException($"Signal {signal.Id} is handled before it is marked fired.");
            foreach (var recipient in AlertRecipients.For(signal.Level, signal.SubjectKind, department, task?.Assignee, staff))
            {
                var alert = new AlertRow
                {
                    Id = Domain.Shared.SequentialGuid.New(),
                    SignalId = signal.Id,
                    CaseId = signal.CaseId,
                    Recipient = recipient,
                    Level = signal.Level,
                    Rule = signal.Rule,
                    Basis = signal.Basis,
                    CreatedAt = firedAt,
                };
                alerts.Add(alert);
                written.Add(alert.Id);
            }
        }

        return new FiredBatchWrites(written, 0);
    }
}

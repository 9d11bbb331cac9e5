using Microsoft.EntityFrameworkCore;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Persistence.Supervision;

/// <summary>An active member of staff as the alert rules see them.</summary>
public sealed record AlertStaff(string UserName, Role Role, string? Department);

/// <summary>
/// Who is told of a fired signal (domain-rules §3). Prompt: the review's assignee; with none, the reviewers of its
/// department; for a case clock, the lead department's window clerks. Yellow: the assignee (if any), the department
/// head(s) and every supervisor. Red: the department head(s) and every supervisor. If a rule finds nobody, the
/// department head(s) and then the supervisors are told, so no signal goes unheard. Action signals are not cards: nobody.
/// </summary>
public static class AlertRecipients
{
    /// <param name="department">The review's department for a step signal, the lead department for a case signal.</param>
    /// <param name="assignee">The review's assignee (step signals only); ignored unless an active member of staff.</param>
    public static IReadOnlyList<string> For(SignalLevel level, ClockKind kind, string? department, string? assignee, IReadOnlyCollection<AlertStaff> staff)
    {
        if (level == SignalLevel.Action)
        {
            return [];
        }

        var activeAssignee = kind == ClockKind.Step && assignee is not null && staff.Any(s => s.UserName == assignee) ? assignee : null;
        IEnumerable<string> Of(Role role, bool inDepartment = true) =>
            staff.Where(s => s.Role == role && (!inDepartment || (department is not null && s.Department == department))).Select(s => s.UserName);

        var recipients = level switch
        {
            SignalLevel.Prompt when activeAssignee is not null => [activeAssignee],
            SignalLevel.Prompt when kind == ClockKind.Step => Of(Role.Reviewer).ToList(),
            SignalLevel.Prompt => Of(Role.WindowClerk).ToList(),
            SignalLevel.Yellow => (activeAssignee is null ? [] : new[] { activeAssignee }).Concat(Of(Role.DepartmentHead)).Concat(Of(Role.Supervisor, inDepartment: false)).ToList(),
            _ => Of(Role.DepartmentHead).Concat(Of(Role.Supervisor, inDepartment: false)).ToList(),
        };

        if (recipients.Count == 0)
        {
            recipients = Of(Role.DepartmentHead).ToList();
        }

        if (recipients.Count == 0)
        {
            recipients = Of(Role.Supervisor, inDepartment: false).ToList();
        }

        return recipients.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }
}

/// <summary>
/// Writes the alerts of each fired signal, in the firing transaction (<see cref="DeadlineSweeper"/> calls it once per
/// batch), one per recipient of <see cref="AlertRecipients"/>, and records their ids in the current
/// <see cref="AlertCollection"/> so that whoever swept can push them once the transaction has committed.
/// </summary>
/// <remarks>
/// Per batch it reads the active staff, the reviews behind the step signals and the cases behind the rest once each
/// (three queries, whatever the batch size). Stateless, so one instance serves every sweeper.
/// </remarks>
public sealed class AlertRecipientsHandler : ISignalFiredHandler
{
    public async Task HandleAsync(OneStopDbContext db, IReadOnlyList<SignalRow> fired, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fired);
        var cards = fired.Where(s => s.Level != SignalLevel.Action).ToList();
        if (cards.Count == 0)
        {
            return;
        }

        var taskIds = cards.Where(s => s.SubjectKind == ClockKind.Step).Select(s => s.SubjectId).Distinct().ToList();
        var tasks = taskIds.Count == 0
            ? []
            : await db.Tasks.AsNoTracking().Where(t => taskIds.Contains(t.Id))
                .Select(t => new { t.Id, t.Department, t.Assignee }).ToDictionaryAsync(t => t.Id, ct);
        var caseIds = cards.Where(s => !tasks.ContainsKey(s.SubjectId)).Select(s => new CaseId(s.CaseId)).Distinct().ToList();
        var leads = caseIds.Count == 0
            ? []
            : await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
                .Select(c => new { c.Id, c.LeadDepartment }).ToDictionaryAsync(c => c.Id.Value, c => c.LeadDepartment, ct);
        var staff = await db.Users.AsNoTracking().Where(u => u.IsActive)
            .Select(u => new AlertStaff(u.UserName, u.Role, u.DepartmentCode)).ToListAsync(ct);

        var alerts = db.Set<AlertRow>();
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
                AlertCollection.Record(alert.Id);
            }
        }
    }
}

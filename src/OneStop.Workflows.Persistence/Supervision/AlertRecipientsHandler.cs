using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
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
/// Writes the alerts of each fired signal, in the firing transaction (<see cref="DeadlineSweeper"/> calls it), one per
/// recipient of <see cref="AlertRecipients"/>, and records their ids in the current <see cref="AlertCollection"/> so that
/// whoever swept can push them once the transaction has committed.
/// </summary>
/// <remarks>Thread-safe: the active staff list is read once per firing transaction and kept only for that transaction.</remarks>
public sealed class AlertRecipientsHandler(IClock clock) : ISignalFiredHandler
{
    private readonly ConditionalWeakTable<IDbContextTransaction, IReadOnlyList<AlertStaff>> _staffByTransaction = new();

    public async Task HandleAsync(OneStopDbContext db, SignalRow signal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.Level == SignalLevel.Action)
        {
            return;
        }

        string? department = null;
        string? assignee = null;
        if (signal.SubjectKind == ClockKind.Step && await db.Tasks.FindAsync([signal.SubjectId], ct) is { } task)
        {
            department = task.Department;
            assignee = task.Assignee;
        }

        if (department is null && await db.Cases.FindAsync([new CaseId(signal.CaseId)], ct) is { } @case)
        {
            department = @case.LeadDepartment;
        }

        var staff = await StaffAsync(db, ct);
        var now = signal.FiredAt ?? clock.GetCurrentInstant();
        var alerts = db.Set<AlertRow>();
        foreach (var recipient in AlertRecipients.For(signal.Level, signal.SubjectKind, department, assignee, staff))
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
                CreatedAt = now,
            };
            alerts.Add(alert);
            AlertCollection.Record(alert.Id);
        }
    }

    private async Task<IReadOnlyList<AlertStaff>> StaffAsync(OneStopDbContext db, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction;
        if (transaction is not null && _staffByTransaction.TryGetValue(transaction, out var cached))
        {
            return cached;
        }

        var staff = await db.Users.AsNoTracking().Where(u => u.IsActive)
            .Select(u => new AlertStaff(u.UserName, u.Role, u.DepartmentCode)).ToListAsync(ct);
        if (transaction is not null)
        {
            _staffByTransaction.AddOrUpdate(transaction, staff);
        }

        return staff;
    }
}

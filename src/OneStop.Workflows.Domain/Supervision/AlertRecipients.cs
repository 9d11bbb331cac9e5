using OneStop.Workflows.Domain.Clocks;
using OneStop.Workflows.Domain.People;

namespace OneStop.Workflows.Domain.Supervision;

/// <summary>An active member of staff as the alert rules see them: the home department and any further ones (ADR 0011).</summary>
public sealed record AlertStaff(string UserName, Role Role, string? Department, IReadOnlyCollection<string>? FurtherDepartments = null)
{
    /// <summary>Whether the member works for <paramref name="department"/> (home or further).</summary>
    public bool WorksFor(string department) => Department == department || (FurtherDepartments?.Contains(department) ?? false);
}

/// <summary>
/// Who is told of a fired signal (domain-rules §3). Prompt: the review's assignee; with none, the reviewers of its
/// department; for a case clock, the lead department's window clerks. Yellow: the assignee (if any), the department
/// head(s) and every supervisor. Red: the department head(s) and every supervisor. If a rule finds nobody, the
/// department head(s) and then the supervisors are told, so no signal goes unheard. "Of its department" counts every member:
/// the home department's staff and those for whom it is a further department. Action signals are not cards: nobody.
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
            staff.Where(s => s.Role == role && (!inDepartment || (department is not null && s.WorksFor(department)))).Select(s => s.UserName);

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

using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;

namespace OneStop.Workflows.Application.Cases;

/// <summary>A case in a list: personal data masked.</summary>
public sealed record CaseSummary(string Id, string Number, string ServiceItem, string Status, string? Decision, Applicant Applicant,
    string ReceivedAt, string? AcceptanceDate, string? DecisionDate, string DeliveryStatus, string? Owner)
{
    public static CaseSummary From(Case c) => new(c.Id.ToString(), c.Number, c.ServiceItemCode, c.Status.ToString(), c.Decision?.ToString(),
        c.Applicant.Masked(), c.ReceivedAt.ToString(), IsoDate.Format(c.AcceptanceDate), IsoDate.Format(c.DecisionDate), c.DeliveryStatus.ToString(), c.Owner);
}

/// <summary>An inbox task.</summary>
public sealed record TaskView(string Id, string CaseId, string Kind, string Department, string Status, string? Assignee, string CreatedAt,
    string? Outcome, string? Opinion, string? DecidedAt, string? DecidedBy, int? TimeLimitWorkingDays, int? DeemedConsentDays, IReadOnlyList<string> AllowedOutcomes)
{
    public static TaskView From(ApprovalTask t) => new(t.Id.ToString(), t.CaseId.ToString(), t.Kind.ToString(), t.Department, t.Status.ToString(), t.Assignee,
        t.CreatedAt.ToString(), t.Outcome, t.Opinion, t.DecidedAt?.ToString(), t.DecidedBy, t.TimeLimitWorkingDays, t.DeemedConsentDays, t.AllowedOutcomes);
}

/// <summary>
/// An inbox item (issue 10): the task's own fields as in <see cref="TaskView"/>, plus its case's number, service item code
/// and applicant (masked), the due day (<c>yyyy-MM-dd</c>, null when no clock runs or it is suspended) and the due badge
/// (<c>onTime</c>, <c>prompt</c>, <c>yellow</c>, <c>red</c>: the highest level fired on that clock).
/// </summary>
public sealed record InboxItem(string Id, string CaseId, string Kind, string Department, string Status, string? Assignee, string CreatedAt,
    string? Outcome, string? Opinion, string? DecidedAt, string? DecidedBy, int? TimeLimitWorkingDays, int? DeemedConsentDays, IReadOnlyList<string> AllowedOutcomes,
    string CaseNumber, string ServiceItem, Applicant Applicant, string? DueDay, string Due)
{
    public static InboxItem From(TaskView t, string caseNumber, string serviceItem, Applicant masked, string? dueDay, string due) => new(t.Id, t.CaseId, t.Kind,
        t.Department, t.Status, t.Assignee, t.CreatedAt, t.Outcome, t.Opinion, t.DecidedAt, t.DecidedBy, t.TimeLimitWorkingDays, t.DeemedConsentDays, t.AllowedOutcomes,
        caseNumber, serviceItem, masked, dueDay, due);
}

/// <summary>One line of a case's timeline (its audit events).</summary>
public sealed record TimelineEntry(string At, string Action, string Actor, string? Subject, string? Reason, string? Details)
{
    public static TimelineEntry From(AuditEvent e) => new(e.At.ToString(), e.Action, e.Actor, e.Subject, e.Reason, e.Details);
}

/// <summary>A case in full, for staff allowed to see it (the read is audited).</summary>
public sealed record CaseDetail(
    string Id, string Number, string ServiceItem, string Status, string? Decision, string? DecisionReasons, string? RemedyRights, string? ResultDocument,
    Applicant Applicant, System.Text.Json.Nodes.JsonNode? Form, IReadOnlyList<SubmittedMaterial> Materials, string ReceivedAt, string ReceiptDate, string? AcceptanceDate,
    string? DecisionDate, string? Owner, string DeliveryMethod, string? DeliveryAddress, string DeliveryStatus, string? TrackingNumber, string InstanceId,
    IReadOnlyList<TaskView> Tasks, IReadOnlyList<TimelineEntry> Timeline);

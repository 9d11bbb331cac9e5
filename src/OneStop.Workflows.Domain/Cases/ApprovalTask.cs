using NodaTime;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Domain.Cases;

/// <summary>The kind of work an inbox task asks for.</summary>
public enum TaskKind
{
    /// <summary>The lead window's acceptance decision (受理).</summary>
    Acceptance,

    /// <summary>A department's review (审查).</summary>
    Review,

    /// <summary>The lead window issues one merged correction notice (一次性告知) for the reviewing departments.</summary>
    CorrectionNotice,
}

/// <summary>Where a task stands.</summary>
public enum ApprovalTaskStatus
{
    Open,

    /// <summary>Waiting for the applicant's corrections; cannot be decided.</summary>
    Paused,
    Decided,
    Cancelled,
}

/// <summary>
/// An inbox task: a window clerk's or a department reviewer's piece of work on a case. Acceptance and review
/// tasks stand for an open workflow bookmark; deciding one resumes the workflow.
/// </summary>
public sealed class ApprovalTask
{
    private ApprovalTask()
    {
        Department = string.Empty;
    }

    public ApprovalTask(TaskId id, CaseId caseId, TaskKind kind, string department, string? activityId, WorkflowInstanceId? instanceId,
        BookmarkId? bookmarkId, int? timeLimitWorkingDays, int? deemedConsentDays, Instant now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(department);
        Id = id;
        CaseId = caseId;
        Kind = kind;
        Department = department;
        ActivityId = activityId;
        InstanceId = instanceId;
        BookmarkId = bookmarkId;
        TimeLimitWorkingDays = timeLimitWorkingDays;
        DeemedConsentDays = deemedConsentDays;
        Status = ApprovalTaskStatus.Open;
        CreatedAt = now;
    }

    public TaskId Id { get; private set; }

    public CaseId CaseId { get; private set; }

    public TaskKind Kind { get; private set; }

    public string Department { get; private set; }

    public string? ActivityId { get; private set; }

    public WorkflowInstanceId? InstanceId { get; private set; }

    public BookmarkId? BookmarkId { get; private set; }

    public ApprovalTaskStatus Status { get; private set; }

    public string? Assignee { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? Outcome { get; private set; }

    public string? Opinion { get; private set; }

    /// <summary>The idempotency key of the decision: repeating it returns the first answer.</summary>
    public string? DecisionKey { get; private set; }

    public int? TimeLimitWorkingDays { get; private set; }

    public int? DeemedConsentDays { get; private set; }

    public long Version { get; private set; }

    /// <summary>
    /// The promised due day of the task's clock as last planned — a review's step clock, the case clock for the window's
    /// tasks; null when there is none or it is suspended — stored for the inbox's "by due" order (ADR 0009). Kept by the
    /// signal planner whenever the clock is re-planned; it is not a change of the task (no version step).
    /// </summary>
    public LocalDate? DueDay { get; private set; }

    /// <summary>Records the due day the planner derived (see <see cref="DueDay"/>).</summary>
    public void PlanDueDay(LocalDate? dueDay) => DueDay = dueDay;

    /// <summary>The outcomes a decision on this kind of task may have.</summary>
    public IReadOnlyList<string> AllowedOutcomes => Kind switch
    {
        TaskKind.Acceptance => [Outcomes.Accepted, Outcomes.Refused, Outcomes.CorrectionRequested],
        TaskKind.Review => [Outcomes.Approved, Outcomes.Rejected, Outcomes.ReturnedForCorrection],
        _ => [Outcomes.Issued],
    };

    /// <summary>Why <paramref name="user"/> may not claim the task now, or null.</summary>
    public string? ClaimProblem(string user) => Status != ApprovalTaskStatus.Open
        ? $"The task is {Status}."
        : Assignee is not null && Assignee != user ? $"The task is assigned to {Assignee}." : null;

    /// <summary>Assigns the task to <paramref name="user"/>; when is not kept here: the audit trail's <c>TaskClaimed</c> event records it.</summary>
    public void Claim(string user)
    {
        Assignee = user;
        Touch();
    }

    public void Transfer(string toUser)
    {
        Assignee = toUser;
        Touch();
    }

    public void Decide(string outcome, string? opinion, string user, string? decisionKey, Instant now)
    {
        if (Status != ApprovalTaskStatus.Open)
        {
            throw new InvalidOperationException($"Task {Id} is {Status}.");
        }

        Status = ApprovalTaskStatus.Decided;
        Outcome = outcome;
        Opinion = opinion;
        DecidedBy = user;
        DecidedAt = now;
        DecisionKey = decisionKey;
        Assignee ??= user;
        Touch();
    }

    public void Cancel(Instant now)
    {
        if (Status is ApprovalTaskStatus.Open or ApprovalTaskStatus.Paused)
        {
            Status = ApprovalTaskStatus.Cancelled;
            DecidedAt = now;
            Touch();
        }
    }

    public void Pause()
    {
        if (Status == ApprovalTaskStatus.Open)
        {
            Status = ApprovalTaskStatus.Paused;
            Touch();
        }
    }

    public void Unpause()
    {
        if (Status == ApprovalTaskStatus.Paused)
        {
            Status = ApprovalTaskStatus.Open;
            Touch();
        }
    }

    private void Touch() => Version++;
}

/// <summary>Decision outcomes of inbox tasks.</summary>
public static class Outcomes
{
    public const string Accepted = "Accepted";
    public const string Refused = "Refused";
    public const string CorrectionRequested = "CorrectionRequested";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string ReturnedForCorrection = "ReturnedForCorrection";
    public const string Issued = "Issued";
}

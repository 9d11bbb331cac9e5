namespace OneStop.Workflows.Domain.Shared;

/// <summary>
/// Every refusal code a client may see (the <c>code</c> of a 409 ProblemDetails, the <see cref="Refusal.Code"/> of every
/// refusal). Wire names: never change one; add a new code instead.
/// </summary>
public static class RefusalCodes
{
    /// <summary>Generic codes for 400, 403 and 404 (not sent on the wire for those statuses; callers test the status).</summary>
    public const string InvalidRequest = "invalid-request";

    public const string Forbidden = "forbidden";

    public const string NotFound = "not-found";

    /// <summary>Tasks.</summary>
    public const string TaskNotClaimable = "task.not-claimable";

    public const string TaskNotTransferable = "task.not-transferable";

    public const string TaskConcurrentChange = "task.concurrent-change";

    // ---- Clocks (issue 9, helper "clocks"): suspension, extension, clock state. Wire names as before. ----

    /// <summary>The case is completed; its clock no longer runs.</summary>
    public const string ClockStopped = "clock.stopped";

    /// <summary>The clock is already suspended.</summary>
    public const string ClockSuspended = "clock.suspended";

    /// <summary>The case has no running clock (not accepted yet, or completed).</summary>
    public const string ClockNotRunning = "clock.not-running";

    /// <summary>The case's clock changed meanwhile (version check).</summary>
    public const string ClockConcurrentChange = "clock.concurrent-change";

    /// <summary>A suspension would start before the clock or overlap an earlier one.</summary>
    public const string SuspensionOverlap = "suspension.overlap";

    /// <summary>No open suspension with that id.</summary>
    public const string SuspensionNotOpen = "suspension.not-open";

    /// <summary>A suspension cannot end before it started.</summary>
    public const string SuspensionRange = "suspension.range";

    /// <summary>Only a case's statutory limit can be extended.</summary>
    public const string ExtensionNotApplicable = "extension.not-applicable";

    /// <summary>The one extension the law allows was granted already.</summary>
    public const string ExtensionAlreadyGranted = "extension.already-granted";

    /// <summary>The statutory limit has expired.</summary>
    public const string ExtensionAfterExpiry = "extension.after-expiry";

    /// <summary>More days than the item's extension allows.</summary>
    public const string ExtensionTooLong = "extension.too-long";

    // --- Cases and tasks (issue 9, helper "cases"): the wire strings of the case and task routes, unchanged. ---

    /// <summary>Submission: the item's flow needs a retired department.</summary>
    public const string ItemDepartmentRetired = "item.department-retired";

    /// <summary>Submission: the item's workflow is not published or missing.</summary>
    public const string ItemWorkflowUnavailable = "item.workflow.unavailable";

    public const string CaseNotAwaitingCorrection = "case.not-awaiting-correction";

    public const string CaseNoticeNotIssued = "case.notice-not-issued";

    public const string CaseConcurrentChange = "case.concurrent-change";

    public const string DeliveryTransition = "delivery.transition";

    public const string TaskAlreadyDecided = "task.already-decided";

    public const string TaskAssignedToOther = "task.assigned-to-other";

    public const string TaskNotOpen = "task.not-open";

    /// <summary>A task that is not open: <c>task.paused</c>, <c>task.cancelled</c> (<c>task.</c> and the status in lower case).</summary>
    public static string TaskInStatus(string status) => $"task.{status.ToLowerInvariant()}";

    public const string NoticeNothingToIssue = "notice.nothing-to-issue";

    /// <summary>The workflow host refused a resume (no code on the wire before issue 9; the message is the host's).</summary>
    public const string WorkflowNotPublished = "workflow.not-published";

    public const string IdempotencyKeyReused = "idempotency-key-reused";
}

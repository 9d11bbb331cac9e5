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

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

    /// <summary>A 409 that has no code of its own on the wire (the catalogue's); the ProblemDetails then carries no <c>code</c>.</summary>
    public const string Conflict = "conflict";

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


    // ---- Staff administration (helper "catalogue", issue 9) ----

    public const string UserSelf = "user.self";

    public const string UserExists = "user.exists";

    public const string UserAlreadyActive = "user.already-active";

    public const string UserAlreadyDisabled = "user.already-disabled";

    public const string UserUnchanged = "user.unchanged";

    public const string AdministratorExists = "administrator.exists";

    public const string DepartmentExists = "department.exists";

    public const string DepartmentRetired = "department.retired";

    public const string DepartmentHasOpenWork = "department.has-open-work";

    // ---- Calendar (helper "catalogue", issue 9) ----

    public const string CalendarNoNationalYear = "calendar.no-national-year";

    public const string CalendarRegionalConflict = "calendar.regional-conflict";

    public const string CalendarChangedMeanwhile = "calendar.changed-meanwhile";

    // ---- Workflow definitions and instances (helper "catalogue", issue 9) ----

    /// <summary>A resume of a case's instance: its bookmarks are inbox tasks (on the wire).</summary>
    public const string InstanceCaseOwned = "instance.case-owned";

    /// <summary>Starting a definition without a published version (not on the wire: 409 titled "Not published").</summary>
    public const string DefinitionNotPublished = "definition.not-published";

    /// <summary>An idempotency key reused for another bookmark (not on the wire: 409 titled "Idempotency key reused").</summary>
    public const string IdempotencyKeyReused = "instance.idempotency-key-reused";

    // ---- Simulated time (issue 10, helper "admin-reads") ----

    /// <summary>The clock cannot move to the next due signal: no supervision signal is pending.</summary>
    public const string NoPendingSignal = "clock.no-pending-signal";

    // ---- Simulated time (issue 9) ----

    /// <summary>The server runs on the system clock; only a simulated clock is set or advanced (wire name as before).</summary>
    public const string SystemClock = "SystemClock";

    // ---- Window reads and fixes (issue 10, helper "window-reads") ----

    /// <summary>A submission's idempotency key was already used by the same clerk for another application (409).</summary>
    public const string CaseIdempotencyKeyReused = "case.idempotency-key-reused";
}

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
}

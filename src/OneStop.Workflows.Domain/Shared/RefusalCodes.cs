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
}

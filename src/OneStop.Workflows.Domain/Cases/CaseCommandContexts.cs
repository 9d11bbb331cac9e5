namespace OneStop.Workflows.Domain.Cases;

/// <summary>Attached to the start step of a case's instance: the case to insert with it.</summary>
public sealed record SubmitCaseContext(Case Case, string Actor);

/// <summary>Attached to the resume that decides an inbox task.</summary>
/// <param name="SignalId">Set when a due deemed-acceptance or deemed-consent signal decides: the step marks it fired.</param>
public sealed record DecideTaskContext(TaskId TaskId, string Actor, string IdempotencyKey, SignalId? SignalId = null)
{
    /// <summary>The task as the step decided it (set by the step; the last attempt's when a resume retried), so the caller need not read it again.</summary>
    public ApprovalTask? Decided { get; set; }
}

/// <summary>Attached to the resumes that bring back tasks after the applicant's corrections arrived.</summary>
public sealed record CorrectionsContext(string Actor, IReadOnlyList<SubmittedMaterial> Materials, string IdempotencyKey);

using OneStop.Workflows.Domain.Cases;

namespace OneStop.Workflows.Domain.Approval;

/// <summary>The window decided whether to accept the case.</summary>
public sealed record AcceptanceDecided(string Outcome, string? Opinion, string Actor, bool Deemed = false);

/// <summary>A clerk (before acceptance) or a department (during review) asked the applicant for corrections.</summary>
public sealed record CorrectionRequested(CorrectionStage Stage, string Department, IReadOnlyList<CorrectionItem> Items, string Actor, string? Opinion);

/// <summary>The applicant's corrections arrived; the waiting task comes back.</summary>
public sealed record CorrectionsReceived(CorrectionStage Stage, string Department);

/// <summary>A department decided its review.</summary>
public sealed record ReviewDecided(string Department, string Outcome, string Opinion, string Actor, bool Deemed = false);

/// <summary>The flow reached completion: the decision is issued (the domain derives it from the reviews).</summary>
public sealed record CompletionReached(string? ResultDocument, string? RemedyRights);

/// <summary>The flow asks to notify the applicant.</summary>
public sealed record NotificationRequested(string Kind, string Message);

/// <summary>The bookmark payload keys the approval activities use, and the task kinds they stand for.</summary>
public static class ApprovalBookmarks
{
    public const string Task = "task";
    public const string Department = "department";
    public const string Stage = "stage";
    public const string TimeLimit = "timeLimitWorkingDays";
    public const string DeemedConsent = "deemedConsentDays";

    public const string AcceptanceTask = "Acceptance";
    public const string ReviewTask = "Review";
    public const string AwaitingCorrection = "AwaitingCorrection";
}

/// <summary>Keys of the workflow input a case gives its instance.</summary>
public static class CaseWorkflowInput
{
    public const string CaseId = "caseId";
    public const string LeadDepartment = "leadDepartment";
    public const string RefusalPolicy = "refusalPolicy";
}

/// <summary>Keys of the resume input a decision carries.</summary>
public static class DecisionInput
{
    public const string Outcome = "outcome";
    public const string Opinion = "opinion";
    public const string Actor = "actor";
    public const string Corrections = "corrections";
}

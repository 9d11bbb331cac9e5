using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Audit;

/// <summary>
/// Every <see cref="AuditEvent.Action"/> name the server writes, in one place.
/// </summary>
/// <remarks>
/// The values are stored in the database and shown in case timelines, so they are wire names: never change one;
/// add a new name instead. Past tense, PascalCase. A unit test keeps the values unique.
/// </remarks>
public static class AuditActions
{
    // Cases and their steps

    /// <summary>An application was received and a case opened (public: 已收件).</summary>
    public const string CaseSubmitted = nameof(CaseSubmitted);

    /// <summary>The window accepted the application (受理), by hand or deemed.</summary>
    public const string CaseAccepted = nameof(CaseAccepted);

    /// <summary>The window refused to accept the application (不予受理).</summary>
    public const string CaseNotAccepted = nameof(CaseNotAccepted);

    /// <summary>A department decided its review (approved, rejected, or deemed consent).</summary>
    public const string ReviewDecided = nameof(ReviewDecided);

    /// <summary>A reviewer asked for corrections (补正) of the applicant's materials.</summary>
    public const string CorrectionRequested = nameof(CorrectionRequested);

    /// <summary>The applicant's corrected materials were received; the subject is the idempotency key.</summary>
    public const string CorrectionsReceived = nameof(CorrectionsReceived);

    /// <summary>The lead window issued one merged correction notice (一次性告知).</summary>
    public const string CorrectionNoticeIssued = nameof(CorrectionNoticeIssued);

    /// <summary>The case reached its decision and was completed (办结).</summary>
    public const string CaseCompleted = nameof(CaseCompleted);

    /// <summary>A notification to the applicant was queued (SMS or another channel).</summary>
    public const string ApplicantNotified = nameof(ApplicantNotified);

    /// <summary>The applicant's delivery choice or tracking number changed.</summary>
    public const string DeliveryUpdated = nameof(DeliveryUpdated);

    /// <summary>A staff member read a case with the applicant's personal data.</summary>
    public const string PersonalDataRead = nameof(PersonalDataRead);

    // Tasks

    /// <summary>A task (acceptance, review, correction notice) was created for a department.</summary>
    public const string TaskCreated = nameof(TaskCreated);

    /// <summary>An open task was cancelled because the case moved on without it.</summary>
    public const string TaskCancelled = nameof(TaskCancelled);

    /// <summary>A staff member claimed a task of their department.</summary>
    public const string TaskClaimed = nameof(TaskClaimed);

    /// <summary>A claimed task was handed to a colleague of the same department.</summary>
    public const string TaskTransferred = nameof(TaskTransferred);

    /// <summary>A task was decided outside a review decision (the correction notice task, outcome issued).</summary>
    public const string TaskDecided = nameof(TaskDecided);

    // Clocks

    /// <summary>A clock was suspended (e.g. for expert review or corrections); the subject is the suspension id.</summary>
    public const string ClockSuspended = nameof(ClockSuspended);

    /// <summary>A suspension was ended and the clock runs again.</summary>
    public const string SuspensionEnded = nameof(SuspensionEnded);

    /// <summary>The case's time limit was extended (the one extension, Art. 42).</summary>
    public const string DeadlineExtended = nameof(DeadlineExtended);

    /// <summary>An extension was asked for and refused; the subject is the refusal code.</summary>
    public const string ExtensionRefused = nameof(ExtensionRefused);

    // Supervision

    /// <summary>A prompt signal (预警) fired.</summary>
    public const string PromptRaised = nameof(PromptRaised);

    /// <summary>A yellow card (黄牌) fired.</summary>
    public const string YellowRaised = nameof(YellowRaised);

    /// <summary>A red card (红牌) fired.</summary>
    public const string RedRaised = nameof(RedRaised);

    /// <summary>The recipient acknowledged an alert.</summary>
    public const string AlertAcknowledged = nameof(AlertAcknowledged);

    /// <summary>The centre's card ladder defaults in force were recorded at start-up (the first start, or they changed).</summary>
    public const string LadderDefaultsInForce = nameof(LadderDefaultsInForce);

    // Catalogue

    /// <summary>A department was written by the demo-centre seed.</summary>
    public const string DepartmentSeeded = nameof(DepartmentSeeded);

    /// <summary>A service item was written by the demo-centre seed.</summary>
    public const string ServiceItemSeeded = nameof(ServiceItemSeeded);

    /// <summary>An administrator created a service item.</summary>
    public const string ServiceItemCreated = nameof(ServiceItemCreated);

    /// <summary>An administrator changed a service item.</summary>
    public const string ServiceItemUpdated = nameof(ServiceItemUpdated);

    // Calendar

    /// <summary>A built-in calendar year was written on first start.</summary>
    public const string CalendarYearSeeded = nameof(CalendarYearSeeded);

    /// <summary>An administrator imported (or replaced) a calendar year.</summary>
    public const string CalendarYearImported = nameof(CalendarYearImported);

    /// <summary>An administrator set a year's regional adjustments.</summary>
    public const string RegionalAdjustmentsSet = nameof(RegionalAdjustmentsSet);

    /// <summary>An administrator removed a year's regional adjustments.</summary>
    public const string RegionalAdjustmentsRemoved = nameof(RegionalAdjustmentsRemoved);

    // Simulated clock

    /// <summary>An administrator set the simulated clock to an instant.</summary>
    public const string ClockSet = nameof(ClockSet);

    /// <summary>An administrator advanced the simulated clock.</summary>
    public const string ClockAdvanced = nameof(ClockAdvanced);

    // Sign-in and sessions

    /// <summary>A staff member signed in (cookie or token).</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>A sign-in was refused; the details say why (bad credentials, inactive account, locked out).</summary>
    public const string SignInFailed = nameof(SignInFailed);

    /// <summary>An account was locked out after repeated failed sign-ins.</summary>
    public const string AccountLockedOut = nameof(AccountLockedOut);

    /// <summary>A staff member signed out and the session ended.</summary>
    public const string SignedOut = nameof(SignedOut);

    /// <summary>A refresh token was used twice; the session was ended.</summary>
    public const string RefreshTokenReused = nameof(RefreshTokenReused);

    // Staff administration

    /// <summary>The first administrator was created from the command line.</summary>
    public const string AdministratorCreated = nameof(AdministratorCreated);

    /// <summary>An administrator created a staff account.</summary>
    public const string UserCreated = nameof(UserCreated);

    /// <summary>An administrator changed a staff member's role or department.</summary>
    public const string UserRoleChanged = nameof(UserRoleChanged);

    /// <summary>An administrator disabled a staff account.</summary>
    public const string UserDisabled = nameof(UserDisabled);

    /// <summary>An administrator enabled a disabled staff account.</summary>
    public const string UserEnabled = nameof(UserEnabled);

    /// <summary>An administrator reset a staff member's password to a one-time password.</summary>
    public const string PasswordReset = nameof(PasswordReset);

    /// <summary>A staff member changed their own password.</summary>
    public const string PasswordChanged = nameof(PasswordChanged);

    /// <summary>An administrator created a department.</summary>
    public const string DepartmentCreated = nameof(DepartmentCreated);

    /// <summary>An administrator renamed a department.</summary>
    public const string DepartmentRenamed = nameof(DepartmentRenamed);

    /// <summary>An administrator retired a department.</summary>
    public const string DepartmentRetired = nameof(DepartmentRetired);

    // Workflow definitions (issue 11: the designer; subject = the definition id, details = version and version id)

    /// <summary>A designer saved a draft of a workflow definition (a new version, or the latest draft updated in place).</summary>
    public const string DefinitionDraftSaved = nameof(DefinitionDraftSaved);

    /// <summary>A designer published a version of a workflow definition (new cases run on it).</summary>
    public const string DefinitionPublished = nameof(DefinitionPublished);

    /// <summary>A designer retracted the published version of a workflow definition (no version is published then).</summary>
    public const string DefinitionRetracted = nameof(DefinitionRetracted);

    /// <summary>A designer deleted a workflow definition with all its versions (one no service item and no case uses).</summary>
    public const string DefinitionDeleted = nameof(DefinitionDeleted);

    /// <summary>The action a fired card signal is audited under: <see cref="PromptRaised"/>, <see cref="YellowRaised"/> or <see cref="RedRaised"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="SignalLevel.Action"/> signals are not cards and are not raised.</exception>
    public static string Raised(SignalLevel level) => level switch
    {
        SignalLevel.Prompt => PromptRaised,
        SignalLevel.Yellow => YellowRaised,
        SignalLevel.Red => RedRaised,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Only card signals are raised."),
    };
}

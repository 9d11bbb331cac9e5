namespace OneStop.Workflows.Domain.Supervision;

/// <summary>Stable rule names.</summary>
public static class SignalRules
{
    public const string CasePrompt = "case.promise.prompt";
    public const string CaseHalf = "case.promise.half";
    public const string CaseYellow = "case.promise.yellow";
    public const string CaseRed = "case.red";
    public const string StepPrompt = "step.prompt";
    public const string StepYellow = "step.yellow";
    public const string DeemedAcceptance = "case.deemed-acceptance";
    public const string DeemedConsent = "step.deemed-consent";

    /// <summary>The red card of <see cref="YellowAccumulationRule"/>: a department's k-th yellow card within the period.</summary>
    public const string YellowAccumulation = "supervision.yellow-accumulation";
}

using System.Text.Json.Nodes;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Domain.Approval;

/// <summary>
/// <c>OneStop.DepartmentReview</c>: one department's review (审查). Ports <c>Approved</c> and <c>Rejected</c>.
/// Under the AllRequired and ReturnForCorrection policies a rejection cancels the other open reviews.
/// A return for correction keeps the review open: it waits for the applicant's corrections, then comes back.
/// </summary>
public sealed class DepartmentReviewActivity : IActivity
{
    public const string TypeName = "OneStop.DepartmentReview";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, 1, ApprovalActivities.Category, "Department review 部门审查",
        "A department reviews the case within its time limit and decides: approve, reject, or return for correction — always with a written opinion.",
        ActivityKind.Task,
        [
            new InputDescriptor("Department", InputType.String, "String", "Department 审查部门", "The reviewing department.", "dropdown", null) { IsRequired = true },
            new InputDescriptor("TimeLimitWorkingDays", InputType.Int32, "Int32", "Time limit (working days) 时限", "The review's budget in working days.", "singleline", "5"),
            new InputDescriptor("DeemedConsentDays", InputType.Int32, "Int32", "Deemed consent after (working days) 默许同意", "Silence after this many working days counts as approval; empty = never.", "singleline", null),
        ],
        [new PortDescriptor(Outcomes.Approved, "Approved 同意"), new PortDescriptor(Outcomes.Rejected, "Rejected 不同意")]);

    public ActivityResult Execute(ActivityContext context) => WaitForReview(context);

    public ActivityResult Resume(ActivityContext context, JsonObject? input)
    {
        var department = context.Input<string>("Department")!;
        if (ApprovalInput.Stage(context.Bookmark) == ApprovalBookmarks.AwaitingCorrection)
        {
            return WaitForReview(context).WithEffects(new CorrectionsReceived(CorrectionStage.Review, department));
        }

        var outcome = ApprovalInput.Text(input, DecisionInput.Outcome);
        var opinion = ApprovalInput.Text(input, DecisionInput.Opinion) ?? string.Empty;
        var actor = ApprovalInput.Text(input, DecisionInput.Actor) ?? SystemActor.Name;
        var decided = new ReviewDecided(department, outcome ?? string.Empty, opinion, actor, input?["deemed"] is JsonValue deemed && deemed.TryGetValue<bool>(out var isDeemed) && isDeemed);
        switch (outcome)
        {
            case Outcomes.Approved:
                return ActivityResult.Continue(Outcomes.Approved).WithEffects(decided);
            case Outcomes.Rejected:
                var policy = Enum.TryParse<RefusalPolicy>(context.WorkflowInputText(CaseWorkflowInput.RefusalPolicy), out var p) ? p : RefusalPolicy.AllRequired;
                return (ActivityResult.Continue(Outcomes.Rejected) with { CancelOtherBranches = policy != RefusalPolicy.Independent }).WithEffects(decided);
            case Outcomes.ReturnedForCorrection:
                var items = ApprovalInput.Corrections(input, department);
                return items.Count == 0
                    ? ActivityResult.Fault("A return for correction must list at least one material.")
                    : ActivityResult.Wait("awaiting-correction", Payload(context, ApprovalBookmarks.AwaitingCorrection))
                        .WithEffects(decided, new CorrectionRequested(CorrectionStage.Review, department, items, actor, opinion));
            default:
                return ActivityResult.Fault($"'{outcome}' is not a review outcome.");
        }
    }

    private static ActivityResult WaitForReview(ActivityContext context) =>
        ActivityResult.Wait("review", Payload(context, ApprovalBookmarks.ReviewTask));

    private static JsonObject Payload(ActivityContext context, string task) => new()
    {
        [ApprovalBookmarks.Task] = task,
        [ApprovalBookmarks.Department] = context.Input<string>("Department"),
        [ApprovalBookmarks.Stage] = nameof(CorrectionStage.Review),
        [ApprovalBookmarks.TimeLimit] = context.Inputs.GetValueOrDefault("TimeLimitWorkingDays") as int?,
        [ApprovalBookmarks.DeemedConsent] = context.Inputs.GetValueOrDefault("DeemedConsentDays") as int?,
    };
}

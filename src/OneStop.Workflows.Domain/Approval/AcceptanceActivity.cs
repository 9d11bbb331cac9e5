using System.Text.Json.Nodes;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Domain.Approval;

/// <summary>
/// <c>OneStop.Acceptance</c>: the lead window's acceptance decision (受理). Ports <c>Accepted</c> and <c>Refused</c>.
/// A request for corrections (一次性告知) waits for the applicant, then the task comes back.
/// </summary>
public sealed class AcceptanceActivity : IActivity
{
    public const string TypeName = "OneStop.Acceptance";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, 1, ApprovalActivities.Category, "Acceptance 受理",
        "The lead window accepts or refuses the application, or asks once for every correction (一次性告知).",
        ActivityKind.Task,
        [new InputDescriptor("Department", InputType.String, "String", "Window department", "The department whose window accepts (default: the item's lead department).", "dropdown", null)],
        [new PortDescriptor(Outcomes.Accepted, "Accepted 受理"), new PortDescriptor(Outcomes.Refused, "Refused 不予受理")]);

    public ActivityResult Execute(ActivityContext context) => WaitForDecision(context);

    public ActivityResult Resume(ActivityContext context, JsonObject? input)
    {
        var department = DepartmentOf(context);
        if (ApprovalInput.Stage(context.Bookmark) == ApprovalBookmarks.AwaitingCorrection)
        {
            return WaitForDecision(context).WithEffects(new CorrectionsReceived(CorrectionStage.Acceptance, department));
        }

        var outcome = ApprovalInput.Text(input, DecisionInput.Outcome);
        var opinion = ApprovalInput.Text(input, DecisionInput.Opinion);
        var actor = ApprovalInput.Text(input, DecisionInput.Actor) ?? SystemActor.Name;
        switch (outcome)
        {
            case Outcomes.Accepted or Outcomes.Refused:
                var deemed = input?["deemed"] is JsonValue d && d.TryGetValue<bool>(out var isDeemed) && isDeemed;
                return ActivityResult.Continue(outcome).WithEffects(new AcceptanceDecided(outcome, opinion, actor, deemed));
            case Outcomes.CorrectionRequested:
                var items = ApprovalInput.Corrections(input, department);
                return items.Count == 0
                    ? ActivityResult.Fault("A correction request must list at least one material.")
                    : ActivityResult.Wait("awaiting-correction", Payload(ApprovalBookmarks.AwaitingCorrection, department))
                        .WithEffects(new CorrectionRequested(CorrectionStage.Acceptance, department, items, actor, opinion));
            default:
                return ActivityResult.Fault($"'{outcome}' is not an acceptance outcome.");
        }
    }

    private static ActivityResult WaitForDecision(ActivityContext context) =>
        ActivityResult.Wait("acceptance", Payload(ApprovalBookmarks.AcceptanceTask, DepartmentOf(context)));

    private static string DepartmentOf(ActivityContext context) =>
        context.Input<string>("Department") is { Length: > 0 } d ? d : context.WorkflowInputText(CaseWorkflowInput.LeadDepartment) ?? string.Empty;

    private static JsonObject Payload(string task, string department) =>
        new() { [ApprovalBookmarks.Task] = task, [ApprovalBookmarks.Department] = department, [ApprovalBookmarks.Stage] = nameof(CorrectionStage.Acceptance) };
}

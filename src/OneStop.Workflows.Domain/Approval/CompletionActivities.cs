using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Domain.Approval;

/// <summary>
/// <c>OneStop.Completion</c>: issues the decision (办结). The decision follows from the acceptance and the
/// departments' reviews under the item's refusal policy; a refusal carries the remedy rights. The applicant is notified.
/// </summary>
public sealed class CompletionActivity : IActivity
{
    public const string TypeName = "OneStop.Completion";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, 1, ApprovalActivities.Category, "Completion 办结",
        "Issues the decision (approved / refused with reasons and remedy rights), records the result document and notifies the applicant.",
        ActivityKind.Action,
        [
            new InputDescriptor("ResultDocument", InputType.String, "String", "Result document 结果文书", "The certificate or approval document issued on approval.", "singleline", null),
            new InputDescriptor("RemedyRights", InputType.String, "String", "Remedy rights 救济途径", "Stated on a refusal.", "multiline", CaseDecisionRules.DefaultRemedyRights),
        ],
        [new PortDescriptor(Ports.Done, "Done")]);

    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Continue(Ports.Done).WithEffects(new CompletionReached(context.Input<string>("ResultDocument"), context.Input<string>("RemedyRights")));
}

/// <summary><c>OneStop.Notify</c>: sends a message to the applicant through the notifier port.</summary>
public sealed class NotifyActivity : IActivity
{
    public const string TypeName = "OneStop.Notify";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, 1, ApprovalActivities.Category, "Notify applicant 通知申请人",
        "Sends a message to the applicant (SMS / e-mail by configuration; the default writes to the notifications table and the log).",
        ActivityKind.Action,
        [
            new InputDescriptor("Message", InputType.String, "String", "Message 内容", "The text sent to the applicant.", "multiline", null) { IsRequired = true },
            new InputDescriptor("Kind", InputType.String, "String", "Kind", "A label for the message, e.g. Information.", "singleline", "Information"),
        ],
        [new PortDescriptor(Ports.Done, "Done")]);

    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Continue(Ports.Done).WithEffects(new NotificationRequested(context.Input<string>("Kind") ?? "Information", context.Input<string>("Message") ?? string.Empty));
}

/// <summary>The approval activities, to add to the catalogue.</summary>
public static class ApprovalActivities
{
    public const string Category = "Approval";

    public static IEnumerable<IActivity> All() =>
        [new AcceptanceActivity(), new DepartmentReviewActivity(), new CompletionActivity(), new NotifyActivity()];

    /// <summary>The built-ins plus the approval activities.</summary>
    public static ActivityCatalogue Catalogue() => ActivityCatalogue.CreateDefault().With(All());
}

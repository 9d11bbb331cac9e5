using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Engine.Activities;

/// <summary>The Elsa built-in activities this runtime honours.</summary>
public static class BuiltInActivities
{
    public const string Flowchart = "Elsa.Flowchart";
    public const string Start = "Elsa.Start";
    public const string End = "Elsa.End";
    public const string Finish = "Elsa.Finish";
    public const string FlowFork = "Elsa.FlowFork";
    public const string FlowJoin = "Elsa.FlowJoin";
    public const string Event = "Elsa.Event";
    public const string WriteLine = "Elsa.WriteLine";

    public static IEnumerable<IActivity> All() =>
    [
        new FlowchartActivity(),
        new StartActivity(),
        new EndActivity(),
        new FinishActivity(),
        new FlowForkActivity(),
        new FlowJoinActivity(),
        new EventActivity(),
        new WriteLineActivity(),
    ];

    internal static PortDescriptor[] DonePort => [new(Ports.Done, "Done")];
}

/// <summary>The root container. It is never executed as a node; the runner interprets it.</summary>
public sealed class FlowchartActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        BuiltInActivities.Flowchart, 1, "Flow", "Flowchart",
        "A flowchart is a collection of activities and connections between them.",
        ActivityKind.Action, [], [])
    { IsBrowsable = false, IsContainer = true };

    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Fault("A nested flowchart is not supported; only the root may be a flowchart.");
}

/// <summary>Marks where a flowchart starts.</summary>
public sealed class StartActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        BuiltInActivities.Start, 1, "Flow", "Start", "A milestone activity that marks the start of a flowchart.",
        ActivityKind.Action, [], BuiltInActivities.DonePort)
    { IsStart = true };

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Continue(Ports.Done);
}

/// <summary>Ends its branch. The instance finishes when no branch is left (see docs/workflow-definitions.md).</summary>
public sealed class EndActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        BuiltInActivities.End, 1, "Flow", "End", "A milestone activity that marks the end of a flowchart branch.",
        ActivityKind.Action, [], [])
    { IsTerminal = true };

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Continue();
}

/// <summary>Finishes the whole instance at once, cancelling every other open branch.</summary>
public sealed class FinishActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        BuiltInActivities.Finish, 1, "Primitives", "Finish", "Mark the workflow as finished, cancelling every open branch.",
        ActivityKind.Action, [], [])
    { IsTerminal = true };

    public ActivityResult Execute(ActivityContext context) => ActivityResult.FinishWorkflow();
}

/// <summary>Splits the flow into named branches that run in parallel; its ports are the branch names.</summary>
public sealed class FlowForkActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        BuiltInActivities.FlowFork, 1, "Branching", "Fork (flow)",
        "Branch execution into multiple branches that will be executed in parallel.",
        ActivityKind.Action,
        [new InputDescriptor("Branches", InputType.StringArray, "String[]", "Branches", "The names of the branches (the output ports).", "dynamic-outcomes", null, "Object") { IsRequired = true }],
        [])
    { HasDynamicPorts = true };

    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Continue(context.Input<string[]>("Branches") ?? []);
}

/// <summary>
/// Merges branches. The runner implements the join itself (token arrivals per inbound connection);
/// this type only carries the descriptor. Our default mode is <c>WaitAll</c> (Elsa's is WaitAny).
/// </summary>
public sealed class FlowJoinActivity : IActivity
{
    public const string WaitAll = "WaitAll";
    public const string WaitAllActive = "WaitAllActive";
    public const string WaitAny = "WaitAny";

    public ActivityDescriptor Descriptor { get; } = new(
        BuiltInActivities.FlowJoin, 1, "Branching", "Join (flow)",
        "Merge parallel branches: WaitAll waits for every inbound connection, WaitAllActive for every branch that can still arrive, WaitAny continues on the first and cancels the others.",
        ActivityKind.Action,
        [new InputDescriptor("Mode", InputType.Choice, "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", "Mode", "How the join waits for its inbound branches.", "dropdown", WaitAll) { Options = [WaitAll, WaitAllActive, WaitAny] }],
        BuiltInActivities.DonePort);

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Continue(Ports.Done);
}

/// <summary>Blocks on a bookmark until it is resumed: the generic wait.</summary>
public sealed class EventActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        BuiltInActivities.Event, 1, "Primitives", "Event", "Wait until the event is published (the bookmark is resumed).",
        ActivityKind.Trigger,
        [new InputDescriptor("EventName", InputType.String, "String", "Event name", "The name of the event to wait for.", "singleline", null)],
        BuiltInActivities.DonePort);

    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Wait(context.Input<string>("EventName") ?? context.ActivityId);
}

/// <summary>Writes a line to the instance journal (nothing else).</summary>
public sealed class WriteLineActivity : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        BuiltInActivities.WriteLine, 1, "Console", "Write Line", "Write a line of text to the instance journal.",
        ActivityKind.Action,
        [new InputDescriptor("Text", InputType.String, "String", "Text", "The text to write.", "singleline", "")],
        BuiltInActivities.DonePort);

    public ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Continue(Ports.Done) with { Note = context.Input<string>("Text") ?? string.Empty };
}

using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Engine.Tests.Runtime;

/// <summary>A test activity that waits and then continues on the port named by the resume input's <c>outcome</c>.</summary>
internal sealed class DecideActivity : IActivity
{
    public const string Type = "Test.Decide";

    public static ActivityCatalogue Catalogue { get; } = ActivityCatalogue.CreateDefault().With([new DecideActivity()]);

    public ActivityDescriptor Descriptor { get; } = new(
        Type, 1, "Test", "Decide", "Waits, then continues on Yes or No.", ActivityKind.Task, [],
        [new PortDescriptor("Yes", "Yes"), new PortDescriptor("No", "No")]);

    public static JsonObject Answer(string outcome) => new() { ["outcome"] = outcome };

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Wait("decision");

    public ActivityResult Resume(ActivityContext context, JsonObject? input) =>
        ActivityResult.Continue((string?)input?["outcome"] ?? "No");
}

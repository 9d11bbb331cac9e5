using System.Text.Json.Nodes;
using NodaTime;
using OneStop.Workflows.Engine.Activities;

namespace OneStop.Workflows.Engine.Runtime;

/// <summary>
/// The behaviour of an activity type. Implementations are stateless and side-effect free: they read
/// their inputs and return an <see cref="ActivityResult"/>; the runtime does the rest.
/// </summary>
public interface IActivity
{
    ActivityDescriptor Descriptor { get; }

    /// <summary>Runs the activity when a token reaches it.</summary>
    ActivityResult Execute(ActivityContext context);

    /// <summary>Runs when one of the activity's bookmarks is resumed. Default: continue on <c>Done</c>.</summary>
    ActivityResult Resume(ActivityContext context, JsonObject? input) => ActivityResult.Continue(Ports.Done);
}

/// <summary>What an activity sees while it runs: its id, its resolved inputs and the current instant.</summary>
public sealed class ActivityContext(string activityId, string? activityName, IReadOnlyDictionary<string, object?> inputs, Instant now,
    JsonObject? workflowInput = null, Bookmark? bookmark = null)
{
    /// <summary>The instance's workflow input (read-only by convention; never mutate it).</summary>
    public JsonObject? WorkflowInput { get; } = workflowInput;

    /// <summary>On resume: the bookmark being resumed (its name and payload tell which stage the activity is in).</summary>
    public Bookmark? Bookmark { get; } = bookmark;

    public string ActivityId { get; } = activityId;

    public string? ActivityName { get; } = activityName;

    public Instant Now { get; } = now;

    /// <summary>Inputs by descriptor name, converted to their types, with defaults applied.</summary>
    public IReadOnlyDictionary<string, object?> Inputs { get; } = inputs;

    public T? Input<T>(string name) => Inputs.TryGetValue(name, out var value) && value is T typed ? typed : default;

    /// <summary>A string property of the workflow input, or null.</summary>
    public string? WorkflowInputText(string name) =>
        WorkflowInput?[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>Well-known port names.</summary>
public static class Ports
{
    public const string Done = "Done";
    public const string In = "In";
}

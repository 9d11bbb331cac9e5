using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Runtime;

namespace OneStop.Workflows.Testing.Definitions;

/// <summary>
/// A test activity type (<c>Test.Interrupt</c>) that runs an action when its descriptor is read after <see cref="Arm"/>:
/// put one into a definition and the action runs while the compiler works through that definition (e.g. cancel the
/// request, or stop the application, in the middle of a save). Until armed it is an ordinary pass-through activity.
/// </summary>
public sealed class InterruptingActivity : IActivity
{
    public const string Type = "Test.Interrupt";

    private readonly ActivityDescriptor _descriptor = new(
        Type, 1, "Test", "Interrupt", "Runs a test's action when the compiler reads it.", ActivityKind.Action, [],
        [new PortDescriptor(Ports.Done, "Done")]);

    private Action? _action;

    /// <summary>How often the armed action ran.</summary>
    public int Interruptions { get; private set; }

    public ActivityDescriptor Descriptor
    {
        get
        {
            if (Interlocked.Exchange(ref _action, null) is { } action)
            {
                Interruptions++;
                action();
            }

            return _descriptor;
        }
    }

    /// <summary>Runs <paramref name="action"/> the next time the descriptor is read (once).</summary>
    public void Arm(Action action) => _action = action;

    public ActivityResult Execute(ActivityContext context) => ActivityResult.Continue(Ports.Done);
}

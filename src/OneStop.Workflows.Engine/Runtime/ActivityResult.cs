using System.Text.Json.Nodes;

namespace OneStop.Workflows.Engine.Runtime;

/// <summary>The outcome of running an activity: continue on ports, wait on a bookmark, fault or finish.</summary>
public abstract record ActivityResult
{
    /// <summary>Optional text written to the journal with the activity's completion (Elsa.WriteLine).</summary>
    public string? Note { get; init; }

    /// <summary>
    /// Domain facts the activity reports (e.g. "review decided"). The runtime only carries them to the
    /// <see cref="StepResult"/>; the host's store writes them in the step's transaction.
    /// </summary>
    public IReadOnlyList<object> Effects { get; init; } = [];

    /// <summary>With a continue: first cancel every other live branch (open bookmarks and pending tokens).</summary>
    public bool CancelOtherBranches { get; init; }

    /// <summary>This result with <paramref name="effects"/> added.</summary>
    public ActivityResult WithEffects(params object[] effects) => this with { Effects = [.. Effects, .. effects] };

    public static ActivityResult Continue(params string[] outcomes) => new ContinueResult(outcomes);

    public static ActivityResult Wait(string bookmarkName, JsonObject? payload = null) => new WaitResult(bookmarkName, payload);

    public static ActivityResult Fault(string reason) => new FaultResult(reason);

    public static ActivityResult FinishWorkflow() => new FinishResult();
}

/// <summary>Continue along every outgoing connection whose source port is one of <see cref="Outcomes"/>.</summary>
public sealed record ContinueResult(IReadOnlyList<string> Outcomes) : ActivityResult;

/// <summary>Block this token on a bookmark until it is resumed.</summary>
public sealed record WaitResult(string BookmarkName, JsonObject? Payload) : ActivityResult;

/// <summary>Stop the instance in <c>Faulted</c> with an incident.</summary>
public sealed record FaultResult(string Reason) : ActivityResult;

/// <summary>Finish the whole instance now, cancelling every other open branch.</summary>
public sealed record FinishResult : ActivityResult;

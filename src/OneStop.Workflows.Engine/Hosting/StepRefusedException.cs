namespace OneStop.Workflows.Engine.Hosting;

/// <summary>
/// Thrown by a store's step writer to refuse a step for a business reason discovered inside the transaction
/// (e.g. the task was paused meanwhile). The transaction rolls back; nothing is written; callers map it to a 409.
/// </summary>
public sealed class StepRefusedException(string code, string message) : Exception(message)
{
    /// <summary>A stable code, e.g. <c>task.paused</c>.</summary>
    public string Code { get; } = code;
}

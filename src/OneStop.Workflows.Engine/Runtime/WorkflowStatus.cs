namespace OneStop.Workflows.Engine.Runtime;

/// <summary>The life-cycle status of a workflow instance.</summary>
public enum WorkflowStatus
{
    /// <summary>Transient while a step executes; never stored at rest unless a step is interrupted.</summary>
    Running,

    /// <summary>Every live token is blocked on a bookmark.</summary>
    Waiting,

    /// <summary>No token is left, or an Elsa.Finish ran.</summary>
    Finished,

    /// <summary>Cancelled by an operator.</summary>
    Cancelled,

    /// <summary>An activity faulted; see the incidents.</summary>
    Faulted,
}

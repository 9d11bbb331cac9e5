using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Domain.Approval.Designer;

/// <summary>
/// A compiled flowchart as the designer checks read it: each activity with its JSON path, its review (department and budget)
/// if it is a department review, and whether a join's mode was set explicitly (the compiler fills in the default, so only the
/// document can tell).
/// </summary>
public sealed class DesignedFlow
{
    private DesignedFlow(CompiledWorkflow workflow, IReadOnlyList<string> paths, IReadOnlyList<bool> explicitMode)
    {
        Workflow = workflow;
        Paths = paths;
        ExplicitMode = explicitMode;
    }

    /// <summary>The compiled flowchart (activity <c>i</c> is the document's activity <c>i</c>).</summary>
    public CompiledWorkflow Workflow { get; }

    /// <summary>The JSON path of each activity, e.g. <c>$.root.activities[3]</c>.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Per activity: whether the document sets its <c>mode</c> input (meaningful for joins).</summary>
    public IReadOnlyList<bool> ExplicitMode { get; }

    /// <summary>The path of the root flowchart, e.g. <c>$.root</c>.</summary>
    public string RootPath { get; private init; } = "$.root";

    /// <param name="document">The definition as read.</param>
    /// <param name="workflow">The same definition compiled (the compiler keeps the document's activity order).</param>
    /// <param name="rootPath">The JSON path of the root flowchart in the saved body.</param>
    public static DesignedFlow From(WorkflowDocument document, CompiledWorkflow workflow, string rootPath = "$.root")
    {
        var nodes = document.Root.Activities;
        if (nodes.Count != workflow.Activities.Count)
        {
            throw new ArgumentException("The compiled workflow is not the document's.", nameof(workflow));
        }

        var paths = nodes.Select(n => $"{rootPath}.activities[{n.Index}]").ToList();
        var explicitMode = nodes.Select(n => n.Inputs.TryGetValue("mode", out var mode) && !string.IsNullOrWhiteSpace(mode.Value)).ToList();
        return new DesignedFlow(workflow, paths, explicitMode) { RootPath = rootPath };
    }

    /// <summary>Every department review: its activity index, department code and budget in working days.</summary>
    public IEnumerable<FlowReview> Reviews() => Workflow.Activities
        .Where(a => a.Type == DepartmentReviewActivity.TypeName)
        .Select(a => new FlowReview(a.Index, a.Id, a.Inputs.GetValueOrDefault("Department") as string ?? string.Empty, Budget(a)));

    /// <summary>The review budget of an activity in working days: its <c>TimeLimitWorkingDays</c> if it is a department review, else 0.</summary>
    internal static int Budget(CompiledActivity activity) =>
        activity.Type == DepartmentReviewActivity.TypeName && activity.Inputs.GetValueOrDefault("TimeLimitWorkingDays") is int days ? Math.Max(days, 0) : 0;
}

/// <summary>One department review of a flow.</summary>
/// <param name="Index">The activity's index in the flow.</param>
/// <param name="ActivityId">The activity's id.</param>
/// <param name="Department">The reviewing department's code.</param>
/// <param name="BudgetWorkingDays">Its time limit in working days.</param>
public sealed record FlowReview(int Index, string ActivityId, string Department, int BudgetWorkingDays);

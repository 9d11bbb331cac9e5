using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Domain.Approval.Designer;

/// <summary>
/// The critical path (关键路径) of a flow: the path from the start whose review budgets add up to the most working days.
/// Branches of a fork run in parallel and alternatives (e.g. Approved / Rejected) exclude each other, and in both cases the
/// longest branch is what the case may need, so the critical path is the longest path by budget. A connection back to an
/// activity already on the path (a loop) is not followed again: each activity counts once along a path.
/// Linear in activities + connections: one depth-first walk for the order, one pass for the sums.
/// </summary>
public sealed record CriticalPath(int TotalWorkingDays, IReadOnlyList<CompiledActivity> Reviews)
{
    /// <summary>The critical path of <paramref name="workflow"/> from its start.</summary>
    public static CriticalPath Of(CompiledWorkflow workflow)
    {
        var activities = workflow.Activities;
        var order = TopologicalOrder(workflow, out var backEdges);
        var total = new int[activities.Count];
        var previous = new int[activities.Count];
        Array.Fill(total, -1);
        Array.Fill(previous, -1);
        total[workflow.StartIndex] = DesignedFlow.Budget(activities[workflow.StartIndex]);
        foreach (var from in order)
        {
            foreach (var edge in activities[from].Outgoing)
            {
                var sum = total[from] + DesignedFlow.Budget(activities[edge.Target]);
                if (!backEdges.Contains(edge.ConnectionIndex) && sum > total[edge.Target])
                {
                    total[edge.Target] = sum;
                    previous[edge.Target] = from;
                }
            }
        }

        var end = workflow.StartIndex;
        for (var i = 0; i < total.Length; i++)
        {
            end = total[i] > total[end] ? i : end;
        }

        var reviews = new List<CompiledActivity>();
        for (var at = end; at >= 0; at = previous[at])
        {
            if (DesignedFlow.Budget(activities[at]) > 0)
            {
                reviews.Add(activities[at]);
            }
        }

        reviews.Reverse();
        return new CriticalPath(total[end], reviews);
    }

    /// <summary>The reachable activities in topological order once the loops' back edges (returned) are left out.</summary>
    private static List<int> TopologicalOrder(CompiledWorkflow workflow, out HashSet<int> backEdges)
    {
        var activities = workflow.Activities;
        var state = new byte[activities.Count]; // 0 unseen, 1 on the walk's stack, 2 done
        var postOrder = new List<int>(activities.Count);
        backEdges = [];
        var stack = new Stack<(int Activity, int NextEdge)>();
        stack.Push((workflow.StartIndex, 0));
        state[workflow.StartIndex] = 1;
        while (stack.Count > 0)
        {
            var (at, next) = stack.Pop();
            var outgoing = activities[at].Outgoing;
            if (next == outgoing.Count)
            {
                state[at] = 2;
                postOrder.Add(at);
                continue;
            }

            stack.Push((at, next + 1));
            var edge = outgoing[next];
            switch (state[edge.Target])
            {
                case 0:
                    state[edge.Target] = 1;
                    stack.Push((edge.Target, 0));
                    break;
                case 1:
                    backEdges.Add(edge.ConnectionIndex);
                    break;
            }
        }

        postOrder.Reverse();
        return postOrder;
    }
}

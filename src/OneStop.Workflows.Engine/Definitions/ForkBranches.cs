namespace OneStop.Workflows.Engine.Definitions;

/// <summary>
/// Checks a fork's branch names, which become its output ports: at least one, none blank, none twice (one pass with a
/// set). Reported at the branches value's path.
/// </summary>
internal static class ForkBranches
{
    public static bool Check(string? activityId, string[]? branches, string valuePath, List<ValidationError> errors)
    {
        if (branches is not { Length: > 0 })
        {
            errors.Add(new(valuePath, "fork.branches.empty",
                $"分支“{Shown.Name(activityId)}”没有分支名：请至少列出一个分支名，例如 [\"A\",\"B\"]；每个名称成为一个待连接的输出端口。 Fork '{Shown.Name(activityId)}' has no branches: list at least one branch name, e.g. [\"A\",\"B\"]; each name becomes an output port to connect."));
            return false;
        }

        var ok = true;
        var firstAt = new Dictionary<string, int>(branches.Length, StringComparer.Ordinal);
        for (var i = 0; i < branches.Length; i++)
        {
            var name = branches[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new(valuePath, "fork.branch.blank", $"分支“{Shown.Name(activityId)}”：第 {i + 1} 个分支没有名称；每个分支都需要名称（它是输出端口的名称）。 Fork '{Shown.Name(activityId)}': branch {i + 1} has no name; every branch needs a name (it names an output port)."));
                ok = false;
            }
            else if (!firstAt.TryAdd(name, i))
            {
                errors.Add(new(valuePath, "fork.branch.duplicate",
                    $"分支“{Shown.Name(activityId)}”：分支名“{Shown.Name(name)}”重复（第 {firstAt[name] + 1} 和第 {i + 1} 个）；每个分支需要自己的名称，因为它是输出端口的名称。 Fork '{Shown.Name(activityId)}': branch '{Shown.Name(name)}' is listed more than once (branches {firstAt[name] + 1} and {i + 1}); each branch needs its own name, as it names an output port."));
                ok = false;
            }
        }

        return ok;
    }
}

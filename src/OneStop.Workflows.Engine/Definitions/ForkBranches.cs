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
                $"Fork '{Shown.Name(activityId)}' has no branches: list at least one branch name, e.g. [\"A\",\"B\"]; each name becomes an output port to connect."));
            return false;
        }

        var ok = true;
        var firstAt = new Dictionary<string, int>(branches.Length, StringComparer.Ordinal);
        for (var i = 0; i < branches.Length; i++)
        {
            var name = branches[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new(valuePath, "fork.branch.blank", $"Fork '{Shown.Name(activityId)}': branch {i + 1} has no name; every branch needs a name (it names an output port)."));
                ok = false;
            }
            else if (!firstAt.TryAdd(name, i))
            {
                errors.Add(new(valuePath, "fork.branch.duplicate",
                    $"Fork '{Shown.Name(activityId)}': branch '{Shown.Name(name)}' is listed more than once (branches {firstAt[name] + 1} and {i + 1}); each branch needs its own name, as it names an output port."));
                ok = false;
            }
        }

        return ok;
    }
}

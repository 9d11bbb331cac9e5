using System.Reflection;

namespace OneStop.Workflows.Testing;

/// <summary>What an assembly depends on, for the layering tests.</summary>
public static class AssemblyReferences
{
    /// <summary>Names of every assembly reachable from <paramref name="root"/> through our own (<c>OneStop.</c>) assemblies.</summary>
    public static List<string> Reachable(Assembly root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<Assembly>([root]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var reference in current.GetReferencedAssemblies())
            {
                if (reference.Name is { } name && seen.Add(name) && name.StartsWith("OneStop.", StringComparison.Ordinal))
                {
                    queue.Enqueue(Assembly.Load(reference));
                }
            }
        }

        return [.. seen];
    }
}

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>
/// Caps on the size of a definition that is saved (configuration section <c>Definitions</c>). A real service item has tens
/// of activities; the caps refuse a definition before any work that grows with its size. Stored definitions are compiled
/// without caps, so lowering a cap never breaks a version that is already published.
/// </summary>
public sealed class DefinitionLimits
{
    public const string Section = "Definitions";

    public const int DefaultMaxActivities = 1_000;

    public const int DefaultMaxConnections = 4_000;

    /// <summary>Most activities a flowchart may have (<c>Definitions:MaxActivities</c>, default 1,000).</summary>
    public int MaxActivities { get; set; } = DefaultMaxActivities;

    /// <summary>Most connections a flowchart may have (<c>Definitions:MaxConnections</c>, default 4,000).</summary>
    public int MaxConnections { get; set; } = DefaultMaxConnections;

    /// <summary>No caps at all: for compiling what is already stored, and for benchmarks of the compiler itself.</summary>
    public static DefinitionLimits None() => new() { MaxActivities = int.MaxValue, MaxConnections = int.MaxValue };
}

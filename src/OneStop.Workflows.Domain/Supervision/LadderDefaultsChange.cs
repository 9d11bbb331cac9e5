using System.Text.Json;

namespace OneStop.Workflows.Domain.Supervision;

/// <summary>
/// When the centre's ladder defaults (<c>Supervision:Ladder:*</c>) take effect: each start records the defaults it runs
/// under; if they differ from the ones the last start recorded (or none were), every running clock's pending signals are
/// re-planned under them. Fired signals never change.
/// </summary>
public static class LadderDefaultsChange
{
    /// <summary>The defaults as they are recorded (and compared): their JSON.</summary>
    public static string Record(LadderSettings defaults) => JsonSerializer.Serialize(defaults);

    /// <summary>Whether the defaults recorded last (null: none yet) differ from <paramref name="wanted"/>, so clocks are re-planned.</summary>
    public static bool IsChange(string? recorded, string wanted) => recorded != wanted;

    /// <summary>The audit text of the new record, naming how many running clocks were (re-)planned.</summary>
    public static string AuditText(string? recorded, int replanned) => recorded is null
        ? $"Centre ladder defaults recorded at start-up; {replanned} running clock(s) planned under them."
        : $"Centre ladder defaults changed (were {recorded}); {replanned} running clock(s) re-planned.";
}

namespace OneStop.Workflows.Engine.Definitions;

/// <summary>
/// Shortens a name quoted in a validation message. Some messages quote a name from elsewhere in the definition (a
/// fork's id in each of its branch errors, an activity's ports in each wrong connection); shortened, the answer stays
/// proportional to the definition instead of growing with (errors × name length).
/// </summary>
internal static class Shown
{
    private const int MaxLength = 60;

    public static string Name(string? name) => name is null ? "(none)" : name.Length <= MaxLength ? name : string.Concat(name.AsSpan(0, MaxLength), "…");
}

using OneStop.Workflows.Persistence.Workflows;

namespace OneStop.Workflows.Application.Definitions;

/// <summary>Which versions of a definition a read selects, as Elsa's <c>versionOptions</c> names them.</summary>
public enum VersionSelection
{
    Latest,
    Published,
    LatestOrPublished,
    LatestAndPublished,
    Draft,
    AllVersions,

    /// <summary>One version by number (<see cref="VersionOptions.Number"/>).</summary>
    Specific,
}

/// <summary>
/// Elsa's <c>versionOptions</c> (issue 11): <c>Latest</c>, <c>Published</c>, <c>LatestOrPublished</c>, <c>LatestAndPublished</c>,
/// <c>Draft</c>, <c>AllVersions</c>, a version number, or empty (= <c>Latest</c>). Names compare case-insensitively.
/// </summary>
public readonly record struct VersionOptions(VersionSelection Selection, int Number = 0)
{
    public static VersionOptions Latest => new(VersionSelection.Latest);

    /// <summary>Every version.</summary>
    public static VersionOptions All => new(VersionSelection.AllVersions);

    /// <summary>The options named by <paramref name="text"/>; false when it names none (the caller answers 400).</summary>
    public static bool TryParse(string? text, out VersionOptions options)
    {
        options = Latest;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            options = new(VersionSelection.Specific, number);
            return number >= 1;
        }

        if (Enum.TryParse<VersionSelection>(text, ignoreCase: true, out var selection) && selection != VersionSelection.Specific && Enum.IsDefined(selection)
            && text.All(char.IsAsciiLetter))
        {
            options = new(selection);
            return true;
        }

        return false;
    }

    /// <summary>The rows these options select.</summary>
    public IQueryable<WorkflowDefinitionRow> Filter(IQueryable<WorkflowDefinitionRow> rows)
    {
        var number = Number;
        return Selection switch
        {
            VersionSelection.Latest => rows.Where(r => r.IsLatest),
            VersionSelection.Published => rows.Where(r => r.IsPublished),
            VersionSelection.LatestOrPublished => rows.Where(r => r.IsLatest || r.IsPublished),
            VersionSelection.LatestAndPublished => rows.Where(r => r.IsLatest && r.IsPublished),
            VersionSelection.Draft => rows.Where(r => !r.IsPublished),
            VersionSelection.AllVersions => rows,
            _ => rows.Where(r => r.Version == number),
        };
    }

    public override string ToString() => Selection == VersionSelection.Specific ? Number.ToString(System.Globalization.CultureInfo.InvariantCulture) : Selection.ToString();
}

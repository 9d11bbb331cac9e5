using Microsoft.Extensions.Options;

namespace OneStop.Workflows.Server.Features.Designer;

/// <summary>Settings of the designer (section <c>Designer</c>).</summary>
public sealed class DesignerOptions
{
    public const string Section = "Designer";

    /// <summary>
    /// The folder of the Elsa Studio package's files (the one holding <c>_framework</c>); when empty, the package the build restored
    /// with npm: <c>designer/node_modules/@elsa-workflows/elsa-studio-wasm</c> under the content root, the app folder or a folder above it.
    /// </summary>
    public string? StudioPath { get; set; }
}

/// <summary>
/// Where the Elsa Studio package (<c>@elsa-workflows/elsa-studio-wasm</c>, pinned in <c>designer/package.json</c>) lies on this
/// machine, or that it is missing (then <c>/designer</c> says what to install; the rest of the server runs as ever).
/// </summary>
public sealed class StudioPackage
{
    /// <summary>The npm package and the version the lock file pins.</summary>
    public const string Name = "@elsa-workflows/elsa-studio-wasm";

    public const string Version = "3.8.2";

    /// <summary>The package folder below the npm folder.</summary>
    public static readonly string RelativeFolder = Path.Combine("designer", "node_modules", "@elsa-workflows", "elsa-studio-wasm");

    public StudioPackage(IOptions<DesignerOptions> options, IWebHostEnvironment environment, ILogger<StudioPackage> logger)
    {
        Folder = Resolve(options.Value.StudioPath, environment.ContentRootPath, AppContext.BaseDirectory);
        if (Folder is null)
        {
            logger.LogWarning("The Elsa Studio package {Package} {Version} was not found (looked for {Folder} under {ContentRoot} and above {AppFolder}); " +
                "/designer shows how to install it (npm, then build again; docs/operations.md, \"The designer\").",
                Name, Version, RelativeFolder, environment.ContentRootPath, AppContext.BaseDirectory);
        }
    }

    /// <summary>The package's folder (holding <c>_framework</c>), or null when it is not installed.</summary>
    public string? Folder { get; }

    public bool IsInstalled => Folder is not null;

    /// <summary>
    /// The configured folder when set (null if it holds no <c>_framework</c>); else the package under the content root; else under the
    /// app folder or the nearest folder above it that has <c>src/OneStop.Workflows.Server/designer</c> (a build output inside the repository).
    /// </summary>
    internal static string? Resolve(string? configured, string contentRoot, string appFolder)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return IsPackage(configured) ? Path.GetFullPath(configured) : null;
        }

        var candidates = new List<string> { Path.Combine(contentRoot, RelativeFolder), Path.Combine(appFolder, RelativeFolder) };
        for (var folder = new DirectoryInfo(appFolder); folder is not null; folder = folder.Parent)
        {
            candidates.Add(Path.Combine(folder.FullName, "src", "OneStop.Workflows.Server", RelativeFolder));
        }

        return candidates.FirstOrDefault(IsPackage) is { } found ? Path.GetFullPath(found) : null;
    }

    private static bool IsPackage(string folder) => Directory.Exists(Path.Combine(folder, "_framework"));
}

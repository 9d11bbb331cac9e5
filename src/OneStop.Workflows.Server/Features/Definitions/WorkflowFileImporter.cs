using Microsoft.Extensions.Options;
using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Server.Features.Definitions;

/// <summary>Settings of the start-up import of <c>workflows/*.json</c> (section <c>Workflows</c>).</summary>
public sealed class WorkflowFileOptions
{
    public const string Section = "Workflows";

    /// <summary>The folder to import; when empty, the nearest <c>workflows</c> folder above the working directory or the app.</summary>
    public string? Directory { get; set; }

    public bool ImportOnStart { get; set; } = true;
}

/// <summary>
/// Imports and publishes every definition file at start-up. Idempotent: an unchanged file is
/// recognised as already published; a changed file becomes a new published version.
/// </summary>
public sealed class WorkflowFileImporter(DefinitionService definitions, IOptions<WorkflowFileOptions> options, ILogger<WorkflowFileImporter> logger)
{
    public async Task<int> ImportAsync(CancellationToken ct)
    {
        if (!options.Value.ImportOnStart)
        {
            return 0;
        }

        var folder = ResolveFolder(options.Value.Directory);
        if (folder is null)
        {
            logger.LogWarning("No workflows folder found; no definitions imported.");
            return 0;
        }

        logger.LogInformation("Importing workflow definitions from {Folder}", folder);
        var imported = 0;
        foreach (var file in System.IO.Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var outcome = await definitions.SaveAsync(await File.ReadAllTextAsync(file, ct), publish: true, ct);
            if (outcome.Saved is { } saved)
            {
                imported++;
                logger.LogInformation("Workflow {File}: {DefinitionId} v{Version} {State}", Path.GetFileName(file), saved.DefinitionId, saved.Version,
                    outcome.AlreadyPublished ? "unchanged" : "published");
            }
            else
            {
                logger.LogError("Workflow {File} was not imported: {Problems}", file, string.Join("; ", outcome.Errors.Select(e => $"{e.Path} {e.Code}: {e.Message}")));
            }
        }

        return imported;
    }

    private static string? ResolveFolder(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return System.IO.Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "workflows");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

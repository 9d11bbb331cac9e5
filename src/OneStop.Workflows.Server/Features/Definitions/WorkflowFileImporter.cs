using Microsoft.Extensions.Options;
using OneStop.Workflows.Engine.Hosting;

namespace OneStop.Workflows.Server.Features.Definitions;

/// <summary>Settings of the start-up import of <c>workflows/*.json</c> (section <c>Workflows</c>).</summary>
public sealed class WorkflowFileOptions
{
    public const string Section = "Workflows";

    /// <summary>
    /// The folder to import (relative to the working directory); when empty, the app's own <c>workflows</c> folder (the
    /// shipped files, copied next to the app by the build), else the nearest <c>workflows</c> folder above the working directory.
    /// </summary>
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

        var configured = options.Value.Directory;
        var folder = ResolveFolder(configured, AppContext.BaseDirectory, System.IO.Directory.GetCurrentDirectory());
        if (folder is null)
        {
            if (string.IsNullOrWhiteSpace(configured))
            {
                logger.LogWarning(
                    "No workflows folder found (looked for {AppFolder} and a 'workflows' folder above {WorkingDirectory}); no definitions imported, " +
                    "so cases cannot be submitted. Set Workflows:Directory to the folder of the workflow JSON files.",
                    Path.Combine(AppContext.BaseDirectory, "workflows"), System.IO.Directory.GetCurrentDirectory());
            }
            else
            {
                logger.LogWarning(
                    "Workflows:Directory '{Configured}' ({FullPath}) does not exist; no definitions imported, so cases cannot be submitted. " +
                    "Set Workflows:Directory to the folder of the workflow JSON files.", configured, Path.GetFullPath(configured));
            }

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

    /// <summary>
    /// The folder to import: <paramref name="configured"/> when set (null if it does not exist); else the app's own
    /// <c>workflows</c> folder; else the nearest <c>workflows</c> folder above <paramref name="workingDirectory"/>.
    /// </summary>
    internal static string? ResolveFolder(string? configured, string appFolder, string workingDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured, workingDirectory);
            return System.IO.Directory.Exists(full) ? full : null;
        }

        var shipped = Path.Combine(appFolder, "workflows");
        if (System.IO.Directory.Exists(shipped))
        {
            return Path.GetFullPath(shipped);
        }

        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "workflows");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

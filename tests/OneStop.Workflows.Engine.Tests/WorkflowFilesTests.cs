using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Engine.Tests;

/// <summary>Every definition shipped in the repository's <c>workflows/</c> folder must load and validate.</summary>
public sealed class WorkflowFilesTests
{
    [Fact]
    public void WorkflowFiles_AllLoadAndValidate()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "workflows");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json") : [];
        files.Should().NotBeEmpty("the build copies ../../workflows/*.json to {0}", folder);
        var catalogue = ActivityCatalogue.CreateDefault();

        foreach (var file in files)
        {
            var read = DefinitionReader.Read(File.ReadAllText(file));
            var definitionId = read.Document?.DefinitionId ?? Path.GetFileNameWithoutExtension(file);
            var result = WorkflowCompiler.Compile(File.ReadAllText(file), catalogue, new DefinitionIdentity(definitionId, 1, definitionId));

            result.Errors.Select(e => $"{e.Code} at {e.Path}: {e.Message}").Should().BeEmpty("{0} must validate", Path.GetFileName(file));
            read.Document!.DefinitionId.Should().NotBeNullOrWhiteSpace("{0} must name its definition", Path.GetFileName(file));
        }
    }
}

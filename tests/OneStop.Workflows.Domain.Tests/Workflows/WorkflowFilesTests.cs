using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Domain.Tests.Workflows;

/// <summary>
/// Every definition shipped in the repository's <c>workflows/</c> folder must compile against the approval catalogue.
/// That each demo service item's file reviews exactly with the item's departments is checked next to the seed data, in
/// the integration tests (Catalogue/DemoCentreWorkflowFilesTests), so that these unit tests need no Server reference.
/// </summary>
public sealed class WorkflowFilesTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "workflows");

    [Fact]
    public void WorkflowFiles_AllCompileWithTheApprovalCatalogue()
    {
        var files = Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.json") : [];
        files.Should().NotBeEmpty("the build copies ../../workflows/*.json to {0}", Folder);
        var catalogue = ApprovalActivities.Catalogue();

        foreach (var file in files)
        {
            var json = File.ReadAllText(file);
            var read = DefinitionReader.Read(json);
            var definitionId = read.Document?.DefinitionId ?? Path.GetFileNameWithoutExtension(file);
            var result = WorkflowCompiler.Compile(json, catalogue, new DefinitionIdentity(definitionId, 1, definitionId));

            result.Errors.Select(e => $"{e.Code} at {e.Path}: {e.Message}").Should().BeEmpty("{0} must validate", Path.GetFileName(file));
            read.Document!.DefinitionId.Should().Be(Path.GetFileNameWithoutExtension(file), "a file is named after its definition id");
        }
    }
}

using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;

namespace OneStop.Workflows.Engine.Tests;

/// <summary>Compiling helpers shared by the engine tests.</summary>
internal static class TestWorkflows
{
    public static readonly ActivityCatalogue Catalogue = ActivityCatalogue.CreateDefault();

    public static DefinitionIdentity Identity(string definitionId = "wf", int version = 1) => new(definitionId, version, $"{definitionId}-v{version}");

    /// <summary>Compiles JSON that must be valid; fails the test with every error otherwise.</summary>
    public static CompiledWorkflow Compile(string json, ActivityCatalogue? catalogue = null)
    {
        var result = WorkflowCompiler.Compile(json, catalogue ?? Catalogue, Identity());
        result.Errors.Should().BeEmpty();
        return result.Workflow!;
    }

    /// <summary>Compiles JSON that must be invalid and returns every error.</summary>
    public static IReadOnlyList<ValidationError> Errors(string json, ActivityCatalogue? catalogue = null)
    {
        var result = WorkflowCompiler.Compile(json, catalogue ?? Catalogue, Identity());
        result.Succeeded.Should().BeFalse();
        result.Workflow.Should().BeNull();
        return result.Errors;
    }

    /// <summary>Reads a file copied next to the test assembly (Fixtures/…, workflows/…).</summary>
    public static string ReadOutputFile(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, relativePath));
}

using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Engine.Tests.Runtime;

namespace OneStop.Workflows.Engine.Tests.Definitions;

/// <summary>
/// The save request Elsa Studio 3.8 sent for a fork/join flowchart (recorded), with the department review
/// activity swapped for <c>Elsa.Event</c>. Its extra inputs, designer metadata and custom properties must survive.
/// </summary>
public sealed class StudioSaveRequestTests
{
    private const string FixturePath = "Fixtures/studio-save-request-fork-join.json";

    //            ┌─A─▶ r1 ─┐
    // start ─▶ fork ─B─▶ r2 ─┼─▶ join(WaitAll) ─▶ end
    //            └─C─▶ r3 ─┘
    [Fact]
    public void StudioSaveRequest_ImportsValidatesRunsAndRoundTrips()
    {
        var json = TestWorkflows.ReadOutputFile(FixturePath);

        var read = DefinitionReader.Read(json);
        read.Errors.Should().BeEmpty();
        read.RootPath.Should().Be("$.model.root");
        var document = read.Document!;
        document.DefinitionId.Should().Be("wf1");
        document.Name.Should().Be("One-stop approval");
        document.Root.Activities.Should().HaveCount(7);
        document.Root.Connections.Should().HaveCount(8);

        var compiled = WorkflowCompiler.Compile(document, TestWorkflows.Catalogue, TestWorkflows.Identity("wf1"), read.RootPath);
        compiled.Errors.Should().BeEmpty();
        compiled.Workflow!.Find("join")!.JoinMode.Should().Be("WaitAll");

        var run = RunnerDriver.Start(compiled.Workflow);
        run.Status.Should().Be(WorkflowStatus.Waiting);
        run.Open.Select(b => b.ActivityId).Should().BeEquivalentTo("r1", "r2", "r3");
        run.Resume("r2").State.Status.Should().Be(WorkflowStatus.Waiting);
        run.Resume("r3").State.Status.Should().Be(WorkflowStatus.Waiting);
        run.Resume("r1").State.Status.Should().Be(WorkflowStatus.Finished);
        run.Open.Should().BeEmpty();
        run.Entries(JournalEvents.Completed, "end").Should().ContainSingle();

        var model = JsonNode.Parse(json)!["model"];
        var roundTripped = JsonNode.Parse(document.Document.ToJsonString());
        JsonNode.DeepEquals(roundTripped, model).Should().BeTrue("the re-serialised document must equal the saved model:\n{0}", roundTripped);
    }

    [Fact]
    public void StudioSaveRequest_KeepsUnknownInputsAndDesignerMetadata_InTheDocument()
    {
        var read = DefinitionReader.Read(TestWorkflows.ReadOutputFile(FixturePath));

        var r2 = read.Document!.Document["root"]!["activities"]!.AsArray().Single(a => (string?)a!["id"] == "r2")!;
        ((string?)r2["department"]!["expression"]!["value"]).Should().Be("fire");
        ((string?)r2["timeLimitWorkingDays"]!["expression"]!["value"]).Should().Be("9");
        ((double?)r2["metadata"]!["designer"]!["size"]!["width"]).Should().Be(209.40625);
        ((bool?)r2["customProperties"]!["canStartWorkflow"]).Should().BeFalse();
        read.Document.Root.Activities.Single(a => a.Id == "r2").Inputs.Keys.Should().Contain(["department", "timeLimitWorkingDays"]);
    }

    [Fact]
    public void StudioSaveRequest_ReportsPathsUnderModel_WhenWrapped()
    {
        var json = JsonNode.Parse(TestWorkflows.ReadOutputFile(FixturePath))!.AsObject();
        json["model"]!["root"]!["activities"]![2]!["type"] = "GovApproval.DepartmentReview";

        var errors = TestWorkflows.Errors(json.ToJsonString());

        errors.Should().ContainSingle(e => e.Code == "activity.type.unknown")
            .Which.Path.Should().Be("$.model.root.activities[2].type");
    }
}

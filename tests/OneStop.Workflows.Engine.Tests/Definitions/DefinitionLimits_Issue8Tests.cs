using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Engine.Tests.Hosting;
using OneStop.Workflows.Testing.Definitions;

namespace OneStop.Workflows.Engine.Tests.Definitions;

/// <summary>Issue 8, finding 4: caps on activities and connections, checked before a definition is read; big definitions still compile right.</summary>
public sealed class DefinitionLimits_Issue8Tests
{
    [Fact]
    public void Read_RefusesBothCaps_ForA10000ActivityChain_WithoutReadingIt()
    {
        var read = DefinitionReader.Read(CompactChain.Build("huge", 10_000), new DefinitionLimits());

        read.Document.Should().BeNull("an oversized definition is refused before its activities are read");
        read.Errors.Should().HaveCount(2);
        read.Errors.Should().ContainSingle(e => e.Code == "definition.activities.tooMany" && e.Path == "$.root.activities")
            .Which.Message.Should().Contain("10,000 activities").And.Contain("at most 1,000");
        read.Errors.Should().ContainSingle(e => e.Code == "definition.connections.tooMany" && e.Path == "$.root.connections")
            .Which.Message.Should().Contain("9,999 connections").And.Contain("at most 4,000");
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void Read_AcceptsUpToTheActivityCap(int activities, bool accepted)
    {
        var read = DefinitionReader.Read(CompactChain.Build("small", activities), new DefinitionLimits { MaxActivities = 5 });

        read.Succeeded.Should().Be(accepted);
        if (!accepted)
        {
            read.Errors.Should().ContainSingle().Which.Code.Should().Be("definition.activities.tooMany");
        }
    }

    [Fact]
    public void Read_RefusesTooManyConnections_AtTheSaveRequestPath()
    {
        var model = JsonNode.Parse(CompactChain.Build("wrapped", 4))!.AsObject();
        var request = new JsonObject { ["model"] = model, ["publish"] = true }.ToJsonString();

        var read = DefinitionReader.Read(request, new DefinitionLimits { MaxConnections = 2 });

        read.Errors.Should().ContainSingle().Which.Should().Match<ValidationError>(e =>
            e.Code == "definition.connections.tooMany" && e.Path == "$.model.root.connections");
    }

    [Fact]
    public async Task Save_RefusesAnOversizedDefinition_AndStoresNothing()
    {
        var fixture = new HostFixture();

        var outcome = await fixture.Definitions.SaveAsync(CompactChain.Build("huge", 1_001), publish: true, HostFixture.Ct);

        outcome.Succeeded.Should().BeFalse();
        outcome.Errors.Should().ContainSingle().Which.Code.Should().Be("definition.activities.tooMany");
        (await fixture.Store.FindLatestAsync("huge", HostFixture.Ct)).Should().BeNull();
        fixture.Store.CommitCount.Should().Be(0);
    }

    [Fact]
    public void Compile_WithoutLimits_CompilesA5000ActivityChain_WithItsEdgesAndReachability()
    {
        var result = WorkflowCompiler.Compile(CompactChain.Build("long", 5_000), TestWorkflows.Catalogue, TestWorkflows.Identity("long"));

        result.Errors.Should().BeEmpty();
        var workflow = result.Workflow!;
        workflow.Activities.Should().HaveCount(5_000);
        workflow.StartIndex.Should().Be(0);
        workflow.Activities[1].Incoming.Should().Equal(0);
        workflow.Activities[1].Outgoing.Should().ContainSingle().Which.Should().Be(new Edge(1, "Done", 1, 2));
        workflow.Activities[^1].Outgoing.Should().BeEmpty();
        workflow.EdgeOf(4_998).Should().Be(new Edge(4_998, "Done", 4_998, 4_999));
        workflow.CanReach(0, 4_999).Should().BeTrue();
        workflow.CanReach(2_500, 2_501).Should().BeTrue();
        workflow.CanReach(4_999, 0).Should().BeFalse();
        workflow.CanReach(2_501, 2_500).Should().BeFalse();
    }

    [Fact]
    public void CanReach_FollowsCycles_AndReachesItselfOnlyThroughOne()
    {
        // start ─▶ a ─▶ b ─▶ c ─▶ end, with a rework loop c ─▶ a
        var json = new FlowchartBuilder("loop").Start("start").Event("a").Event("b").Event("c").End("end")
            .Connect("start", "a").Connect("a", "b").Connect("b", "c").Connect("c", "end").Connect("c", "a").Build();

        var workflow = TestWorkflows.Compile(json);
        int At(string id) => workflow.Find(id)!.Index;

        workflow.CanReach(At("c"), At("b")).Should().BeTrue("c loops back to a, which leads to b");
        workflow.CanReach(At("end"), At("a")).Should().BeFalse();
        workflow.CanReach(At("b"), At("start")).Should().BeFalse();
        workflow.CanReach(At("end"), At("end")).Should().BeTrue("an activity is where it is");
    }
}

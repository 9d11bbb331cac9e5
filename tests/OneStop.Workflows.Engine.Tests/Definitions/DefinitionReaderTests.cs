using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Engine.Runtime;
using OneStop.Workflows.Engine.Tests.Runtime;
using OneStop.Workflows.Testing.Definitions;

namespace OneStop.Workflows.Engine.Tests.Definitions;

public sealed class DefinitionReaderTests
{
    // start ─▶ a ─▶ end, with Elsa's obsolete flat connections
    private static string FlatLine(bool withPorts)
    {
        var model = new FlowchartBuilder("wf").Start("start").Event("a").End("end").BuildObject();
        model["root"]!["connections"] = withPorts
            ? JsonNode.Parse("""
                [
                  { "source": "start", "sourcePort": "Done", "target": "a", "targetPort": "In" },
                  { "source": "a", "sourcePort": "Done", "target": "end", "targetPort": "In", "vertices": [] }
                ]
                """)
            : JsonNode.Parse("""[ { "source": "start", "target": "a" }, { "source": "a", "target": "end" } ]""");
        return model.ToJsonString();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_ConvertsFlatConnections_ToTheNestedForm(bool withPorts)
    {
        var read = DefinitionReader.Read(FlatLine(withPorts));

        read.Errors.Should().BeEmpty();
        read.Document!.Root.Connections.Should().BeEquivalentTo(new[]
        {
            new ConnectionNode(0, "start", "Done", "a", "In"),
            new ConnectionNode(1, "a", "Done", "end", "In"),
        });
        var first = read.Document.Document["root"]!["connections"]![0];
        JsonNode.DeepEquals(first, JsonNode.Parse("""{ "source": { "activity": "start", "port": "Done" }, "target": { "activity": "a", "port": "In" } }"""))
            .Should().BeTrue("the document keeps the nested form only, but was {0}", first!.ToJsonString());
    }

    [Fact]
    public void Read_KeepsOtherConnectionProperties_WhenConvertingTheFlatForm()
    {
        var second = DefinitionReader.Read(FlatLine(withPorts: true)).Document!.Document["root"]!["connections"]![1]!.AsObject();

        second.Select(p => p.Key).Should().BeEquivalentTo("source", "target", "vertices");
    }

    [Fact]
    public void Compile_RunsAFlatDefinition_LikeTheNestedOne()
    {
        var run = RunnerDriver.Start(FlatLine(withPorts: true));
        run.Resume("a");

        run.Status.Should().Be(WorkflowStatus.Finished);
    }

    [Fact]
    public void Read_LeavesTheCallersObjectUnchanged()
    {
        var input = JsonNode.Parse(FlatLine(withPorts: true))!.AsObject();
        var before = input.ToJsonString();

        DefinitionReader.Read(input).Errors.Should().BeEmpty();

        input.ToJsonString().Should().Be(before);
    }

    [Fact]
    public void Compile_AppliesDescriptorDefaults_WhenInputsAreMissing()
    {
        // start ─▶ join (no mode) ─▶ w (no text) ─▶ a (no eventName) ─▶ end
        var json = new FlowchartBuilder("wf").Start("start").Join("join").Activity(BuiltInActivities.WriteLine, "w").Event("a").End("end")
            .Connect("start", "join").Connect("join", "w").Connect("w", "a").Connect("a", "end").Build();

        var workflow = TestWorkflows.Compile(json);

        workflow.Find("join")!.Inputs.Should().Contain("Mode", FlowJoinActivity.WaitAll);
        workflow.Find("join")!.JoinMode.Should().Be(FlowJoinActivity.WaitAll);
        workflow.Find("w")!.Inputs.Should().Contain("Text", string.Empty);
        workflow.Find("a")!.Inputs.Should().ContainKey("EventName").WhoseValue.Should().BeNull();
        RunnerDriver.Start(workflow).BookmarkAt("a").Name.Should().Be("a", "an event without a name waits under its activity id");
    }

    //                ┌─A─▶ a ─┐
    // start ─▶ fork ─┤        ├─▶ join (no mode: WaitAll) ─▶ end
    //                └─B─▶ b ─┘
    [Fact]
    public void FlowJoin_WaitsForAll_WhenModeIsMissing()
    {
        var json = new FlowchartBuilder("wf").Start("start").Fork("fork", "A", "B").Event("a").Event("b").Join("join").End("end")
            .Connect("start", "fork").Connect("fork", "A", "a").Connect("fork", "B", "b")
            .Connect("a", "join").Connect("b", "join").Connect("join", "end").Build();
        var run = RunnerDriver.Start(json);

        run.Resume("a").State.Status.Should().Be(WorkflowStatus.Waiting);
        run.Entries(JournalEvents.Completed, "join").Should().BeEmpty("Elsa's WaitAny default would have fired here");
        run.Open.Should().ContainSingle(b => b.ActivityId == "b");

        run.Resume("b").State.Status.Should().Be(WorkflowStatus.Finished);
        run.Entries(JournalEvents.Completed, "join").Should().ContainSingle();
    }

    [Fact]
    public void Compile_AcceptsNullTypeName_AndTakesTheTypeFromTheCatalogue()
    {
        // start ─▶ a ─▶ end      a.eventName = { typeName: null, expression: { Literal, "review-a" } }
        var json = new FlowchartBuilder("wf").Start("start").Event("a").Literal("eventName", "review-a", typeName: null).End("end")
            .Connect("start", "a").Connect("a", "end").Build();
        json.Should().Contain("\"typeName\":null");

        var run = RunnerDriver.Start(json);

        run.BookmarkAt("a").Name.Should().Be("review-a");
    }

    [Fact]
    public void Compile_AcceptsLiteralNumbersAndVersionsAsStrings()
    {
        var model = new FlowchartBuilder("wf").Start("start").End("end").Connect("start", "end").BuildObject();
        model["root"]!["activities"]![1]!["version"] = "1";

        TestWorkflows.Compile(model.ToJsonString()).Find("end")!.Type.Should().Be(BuiltInActivities.End);
    }
}

using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Testing.Definitions;

namespace OneStop.Workflows.Engine.Tests.Definitions;

/// <summary>One test per validation code: the exact code at the exact JSON path.</summary>
public sealed class WorkflowCompilerErrorTests
{
    // start ─▶ a ─▶ end      activities [0] start, [1] a, [2] end; connections [0] start→a, [1] a→end
    private static FlowchartBuilder Line() =>
        new FlowchartBuilder("wf").Start("start").Event("a", "review").End("end").Connect("start", "a").Connect("a", "end");

    private static string Mutate(FlowchartBuilder builder, Action<JsonObject> change)
    {
        var model = builder.BuildObject();
        change(model);
        return model.ToJsonString();
    }

    private static JsonObject Activity(JsonObject model, int index) => model["root"]!["activities"]![index]!.AsObject();

    private static JsonObject Connection(JsonObject model, int index) => model["root"]!["connections"]![index]!.AsObject();

    private static void ShouldReport(IReadOnlyList<ValidationError> errors, string code, string path) =>
        errors.Should().ContainSingle(e => e.Code == code, "the definition has one '{0}' problem", code)
            .Which.Path.Should().Be(path);

    [Fact]
    public void Line_Compiles_WhenUnchanged()
    {
        TestWorkflows.Compile(Line().Build()).Activities.Should().HaveCount(3);
    }

    [Theory]
    [InlineData("{ \"root\": ")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("\"a string\"")]
    public void Compile_ReportsJsonMalformed_AtTheDocument(string json)
    {
        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "json.malformed" && e.Path == "$");
    }

    [Theory]
    [InlineData("{ \"definitionId\": \"wf\", \"name\": \"no root\" }", "$.root")]
    [InlineData("{ \"definitionId\": \"wf\", \"root\": [] }", "$.root")]
    [InlineData("{ \"model\": { \"definitionId\": \"wf\" }, \"publish\": true }", "$.model.root")]
    public void Compile_ReportsRootMissing_AtTheRoot(string json, string path)
    {
        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "definition.root.missing" && e.Path == path);
    }

    [Fact]
    public void Compile_ReportsRootUnsupported_WhenTheRootIsNotAFlowchart()
    {
        var json = Mutate(Line(), m => m["root"]!["type"] = "Elsa.Sequence");

        ShouldReport(TestWorkflows.Errors(json), "definition.root.unsupported", "$.root.type");
    }

    [Fact]
    public void Compile_ReportsIdMissing_AtTheActivityId()
    {
        var json = Mutate(Line(), m => Activity(m, 1).Remove("id"));

        ShouldReport(TestWorkflows.Errors(json), "activity.id.missing", "$.root.activities[1].id");
    }

    [Fact]
    public void Compile_ReportsNodeIdMissing_AtTheActivityNodeId()
    {
        var json = Mutate(Line(), m => Activity(m, 1).Remove("nodeId"));

        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "activity.nodeId.missing" && e.Path == "$.root.activities[1].nodeId");
    }

    [Fact]
    public void Compile_ReportsIdDuplicate_AtTheSecondActivity()
    {
        var json = Line().Event("a").Build();

        ShouldReport(TestWorkflows.Errors(json), "activity.id.duplicate", "$.root.activities[3].id");
    }

    [Fact]
    public void Compile_ReportsTypeMissing_AtTheActivityType()
    {
        var json = Mutate(Line(), m => Activity(m, 1).Remove("type"));

        ShouldReport(TestWorkflows.Errors(json), "activity.type.missing", "$.root.activities[1].type");
    }

    [Fact]
    public void Compile_ReportsTypeUnknown_AtTheActivityType()
    {
        var json = Mutate(Line(), m => Activity(m, 1)["type"] = "GovApproval.DepartmentReview");

        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "activity.type.unknown" && e.Path == "$.root.activities[1].type");
    }

    [Fact]
    public void Compile_ReportsVersionUnknown_WhenTheTypeHasNoSuchVersion()
    {
        var json = Mutate(Line(), m => Activity(m, 1)["version"] = 2);

        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "activity.version.unknown" && e.Path == "$.root.activities[1].version");
    }

    [Fact]
    public void Compile_ReportsTypeUnsupported_ForANestedFlowchart()
    {
        var json = Mutate(Line(), m => Activity(m, 1)["type"] = "Elsa.Flowchart");

        ShouldReport(TestWorkflows.Errors(json), "activity.type.unsupported", "$.root.activities[1].type");
    }

    [Theory]
    [InlineData("JavaScript")]
    [InlineData("CSharp")]
    [InlineData("Liquid")]
    public void Compile_ReportsExpressionUnsupported_AtTheExpressionType(string expressionType)
    {
        var json = new FlowchartBuilder("wf").Start("start").Event("a").Input("eventName", expressionType, "'review-' + 1").End("end")
            .Connect("start", "a").Connect("a", "end").Build();

        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "input.expression.unsupported" && e.Path == "$.root.activities[1].eventName.expression.type");
    }

    //                ┌─A─▶ a ─┐
    // start ─▶ fork ─┤        ├─▶ join ─▶ end
    //                └─B─▶ b ─┘
    private static FlowchartBuilder ForkJoin(string? mode = "WaitAll") =>
        new FlowchartBuilder("wf").Start("start").Fork("fork", "A", "B").Event("a").Event("b").Join("join", mode).End("end")
            .Connect("start", "fork").Connect("fork", "A", "a").Connect("fork", "B", "b")
            .Connect("a", "join").Connect("b", "join").Connect("join", "end");

    [Theory]
    [InlineData("Sometimes")]
    [InlineData("7")]
    public void Compile_ReportsValueInvalid_ForAJoinModeOutsideTheChoices(string mode)
    {
        var json = ForkJoin(mode).Build();

        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "input.value.invalid" && e.Path == "$.root.activities[4].mode.expression.value");
    }

    [Fact]
    public void Compile_ReportsValueInvalid_ForForkBranchesThatAreNotStrings()
    {
        var json = Mutate(ForkJoin(), m => Activity(m, 1)["branches"]!["expression"]!["value"] = "[1, 2]");

        ShouldReport(TestWorkflows.Errors(json), "input.value.invalid", "$.root.activities[1].branches.expression.value");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Compile_ReportsForkBranchesEmpty_ForAForkWithoutBranches(bool emptyArray)
    {
        var json = Mutate(ForkJoin(), m =>
        {
            if (emptyArray)
            {
                Activity(m, 1)["branches"]!["expression"]!["value"] = "[]";
            }
            else
            {
                Activity(m, 1).Remove("branches");
            }
        });

        ShouldReport(TestWorkflows.Errors(json), "fork.branches.empty", "$.root.activities[1].branches.expression.value");
    }

    [Fact]
    public void Compile_ReportsSourceMissing_AtTheConnectionSource()
    {
        var json = Line().Connect("ghost", "end").Build();

        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "connection.source.missing" && e.Path == "$.root.connections[2].source.activity");
    }

    [Fact]
    public void Compile_ReportsTargetMissing_AtTheConnectionTarget()
    {
        var json = Line().Connect("a", "ghost").Build();

        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "connection.target.missing" && e.Path == "$.root.connections[2].target.activity");
    }

    [Fact]
    public void Compile_ReportsSourceMissing_WhenTheConnectionNamesNoActivity()
    {
        var json = Mutate(Line(), m => Connection(m, 1)["source"]!.AsObject().Remove("activity"));

        ShouldReport(TestWorkflows.Errors(json), "connection.source.missing", "$.root.connections[1].source.activity");
    }

    [Fact]
    public void Compile_ReportsPortUnknown_AtTheSourcePort()
    {
        var json = Mutate(Line(), m => Connection(m, 1)["source"]!["port"] = "Approved");

        ShouldReport(TestWorkflows.Errors(json), "connection.port.unknown", "$.root.connections[1].source.port");
    }

    [Fact]
    public void Compile_ReportsPortUnknown_ForAForkPortThatIsNotABranch()
    {
        var json = Mutate(ForkJoin(), m => Connection(m, 2)["source"]!["port"] = "C");

        ShouldReport(TestWorkflows.Errors(json), "connection.port.unknown", "$.root.connections[2].source.port");
    }

    [Fact]
    public void Compile_ReportsPortUnknown_AtTheTargetPort()
    {
        var json = Mutate(Line(), m => Connection(m, 1)["target"]!["port"] = "Out");

        ShouldReport(TestWorkflows.Errors(json), "connection.port.unknown", "$.root.connections[1].target.port");
    }

    [Fact]
    public void Compile_ReportsStartMissing_WhenNoStartAndSeveralRoots()
    {
        // a   b   (no Start, nothing connected)
        var json = new FlowchartBuilder("wf").Event("a").Event("b").Build();

        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "flowchart.start.missing" && e.Path == "$.root.activities");
    }

    [Fact]
    public void Compile_UsesTheOnlyRootAsStart_WhenThereIsNoStartActivity()
    {
        // a ─▶ end
        var workflow = TestWorkflows.Compile(new FlowchartBuilder("wf").Event("a").End("end").Connect("a", "end").Build());

        workflow.Activities[workflow.StartIndex].Id.Should().Be("a");
    }

    [Fact]
    public void Compile_ReportsStartMultiple_AtTheSecondStart()
    {
        var json = new FlowchartBuilder("wf").Start("start").Start("start2").End("end")
            .Connect("start", "end").Connect("start2", "end").Build();

        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "flowchart.start.multiple" && e.Path == "$.root.activities[1]");
    }

    // [0] 42 (not an object), [1] start, [2] start2, [3] end
    [Fact]
    public void Compile_ReportsStartMultiple_AtItsJsonIndex_WhenAMalformedActivityComesFirst()
    {
        var json = Mutate(
            new FlowchartBuilder("wf").Start("start").Start("start2").End("end").Connect("start", "end").Connect("start2", "end"),
            m => m["root"]!["activities"]!.AsArray().Insert(0, JsonValue.Create(42)));

        TestWorkflows.Errors(json).Select(e => (e.Code, e.Path)).Should().BeEquivalentTo([
            ("activity.malformed", "$.root.activities[0]"),
            ("flowchart.start.multiple", "$.root.activities[2]"),
        ]);
    }

    [Fact]
    public void Compile_ReportsUnreachable_ForAnActivityTheStartCannotReach()
    {
        // start ─▶ a ─▶ end      orphan ─▶ end
        var json = Line().WriteLine("orphan", "never").Connect("orphan", "end").Build();

        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "activity.unreachable" && e.Path == "$.root.activities[3]");
    }

    [Fact]
    public void Compile_ReportsJoinUnfed_ForAJoinWithoutInboundConnections()
    {
        // start ─▶ a ─▶ end      join ─▶ end
        var json = Line().Join("join").Connect("join", "end").Build();

        TestWorkflows.Errors(json).Should().ContainSingle()
            .Which.Should().Match<ValidationError>(e => e.Code == "join.unfed" && e.Path == "$.root.activities[3]");
    }

    // start ─┬─▶ a ─▶ end         a: no nodeId, JavaScript eventName
    //        │   a ─▶ ghost       (no such activity)
    //        ├─Approved─▶ end     (Start has no port Approved)
    //        └─▶ x                (unknown type)
    [Fact]
    public void Compile_ReturnsAllErrorsAtOnce_WhenADefinitionHasSeveralProblems()
    {
        var json = Mutate(
            new FlowchartBuilder("wf").Start("start").Event("a").Input("eventName", "JavaScript", "getName()")
                .Activity("Acme.Unknown", "x").End("end")
                .Connect("start", "a").Connect("a", "end").Connect("start", "Approved", "end").Connect("a", "ghost").Connect("start", "x"),
            m => Activity(m, 1).Remove("nodeId"));

        var errors = TestWorkflows.Errors(json);

        errors.Select(e => (e.Code, e.Path)).Should().BeEquivalentTo(new[]
        {
            ("activity.nodeId.missing", "$.root.activities[1].nodeId"),
            ("input.expression.unsupported", "$.root.activities[1].eventName.expression.type"),
            ("activity.type.unknown", "$.root.activities[2].type"),
            ("connection.port.unknown", "$.root.connections[2].source.port"),
            ("connection.target.missing", "$.root.connections[3].target.activity"),
        });
        errors.Should().OnlyContain(e => !string.IsNullOrWhiteSpace(e.Message));
    }
}

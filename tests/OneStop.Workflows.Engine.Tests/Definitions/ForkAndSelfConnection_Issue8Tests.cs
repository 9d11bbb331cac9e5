using System.Text.Json.Nodes;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Testing.Definitions;

namespace OneStop.Workflows.Engine.Tests.Definitions;

/// <summary>Issue 8, finding 17: duplicate or blank fork branches, a fork without branches and self-connections are refused with the JSON path.</summary>
public sealed class ForkAndSelfConnection_Issue8Tests
{
    private const string BranchesValue = "$.root.activities[1].branches.expression.value";

    // activities [0] start, [1] fork, [2] a, [3] b, [4] join, [5] end
    // connections [0] start→fork, [1] fork.A→a, [2] fork.B→b, [3] a→join, [4] b→join, [5] join→end
    private static FlowchartBuilder ForkJoin(params string[] branches) =>
        new FlowchartBuilder("wf").Start("start").Fork("fork", branches).Event("a").Event("b").Join("join", "WaitAll").End("end")
            .Connect("start", "fork").Connect("fork", "A", "a").Connect("fork", "B", "b")
            .Connect("a", "join").Connect("b", "join").Connect("join", "end");

    [Fact]
    public void Compile_ReportsADuplicateBranch_NamingItAndBothPositions()
    {
        var errors = TestWorkflows.Errors(ForkJoin("A", "B", "A").Build());

        errors.Should().ContainSingle().Which.Should().Match<ValidationError>(e => e.Code == "fork.branch.duplicate" && e.Path == BranchesValue);
        errors[0].Message.Should().Contain("'A'").And.Contain("branches 1 and 3");
    }

    [Fact]
    public void Compile_TreatsBranchNamesCaseSensitively_AsPortsAre()
    {
        TestWorkflows.Compile(ForkJoin("A", "B", "a").Build()).Find("fork")!.Inputs["Branches"].Should().BeEquivalentTo(new[] { "A", "B", "a" });
    }

    [Fact]
    public void Compile_ReportsABlankBranch()
    {
        var errors = TestWorkflows.Errors(ForkJoin("A", "B", " ").Build());

        errors.Should().ContainSingle().Which.Should().Match<ValidationError>(e => e.Code == "fork.branch.blank" && e.Path == BranchesValue);
        errors[0].Message.Should().Contain("branch 3 has no name");
    }

    [Fact]
    public void Compile_SaysAForkNeedsAtLeastOneBranch_WhenBranchesAreAnEmptyArray()
    {
        var model = ForkJoin("A", "B").BuildObject();
        model["root"]!["activities"]![1]!["branches"]!["expression"]!["value"] = "[]";

        var errors = TestWorkflows.Errors(model.ToJsonString());

        var error = errors.Should().ContainSingle().Which;
        error.Should().Match<ValidationError>(e => e.Code == "fork.branches.empty" && e.Path == BranchesValue);
        error.Message.Should().Contain("at least one branch").And.NotContain("needs a value");
    }

    [Fact]
    public void Compile_ReportsAJoinWiredToItself_AtTheConnection()
    {
        var json = ForkJoin("A", "B").Connect("join", "join").Build();

        TestWorkflows.Errors(json).Should().ContainSingle().Which.Should().Match<ValidationError>(e =>
            e.Code == "connection.self" && e.Path == "$.root.connections[6].target.activity" && e.Message.Contains("'join' back into itself"));
    }

    [Fact]
    public void Compile_ReportsAnyActivityWiredToItself_InTheFlatFormToo()
    {
        var model = ForkJoin("A", "B").BuildObject();
        model["root"]!["connections"]!.AsArray().Add(new JsonObject { ["source"] = "a", ["target"] = "a" });

        TestWorkflows.Errors(model.ToJsonString()).Should().ContainSingle().Which.Should().Match<ValidationError>(e =>
            e.Code == "connection.self" && e.Path == "$.root.connections[6].target.activity");
    }

    [Fact]
    public void Compile_StillAcceptsALoopThroughOtherActivities()
    {
        var json = new FlowchartBuilder("rework").Start("start").Event("check").Event("correct").End("end")
            .Connect("start", "check").Connect("check", "correct").Connect("correct", "check").Connect("check", "end").Build();

        TestWorkflows.Compile(json).Activities.Should().HaveCount(4);
    }

    [Fact]
    public void Compile_QuotesLongNamesShortened_SoManyErrorsDoNotRepeatThem()
    {
        var longId = "fork" + new string('x', 10_000);
        var branches = Enumerable.Repeat("A", 50).Prepend("B").ToArray();
        var model = ForkJoin(branches).BuildObject();
        model["root"]!["activities"]![1]!["id"] = longId;
        foreach (var connection in model["root"]!["connections"]!.AsArray().Take(3))
        {
            if (connection!["source"]!["activity"]!.GetValue<string>() == "fork")
            {
                connection["source"]!["activity"] = longId;
            }

            if (connection["target"]!["activity"]!.GetValue<string>() == "fork")
            {
                connection["target"]!["activity"] = longId;
            }
        }

        var errors = TestWorkflows.Errors(model.ToJsonString());

        errors.Where(e => e.Code == "fork.branch.duplicate").Should().HaveCount(49);
        errors.Should().OnlyContain(e => e.Message.Length < 300);
    }
}

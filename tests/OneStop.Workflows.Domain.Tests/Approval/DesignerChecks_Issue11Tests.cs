using NodaTime;
using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Domain.Approval.Designer;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.Testing.Builders;
using OneStop.Workflows.Testing.Definitions;

namespace OneStop.Workflows.Domain.Tests.Approval;

/// <summary>
/// Issue 11 §4: the designer checks. Each rule has a flow that breaks it (refused, with its code at the activity's path) and
/// a twin that keeps it (accepted), so that each test can fail both ways.
/// </summary>
public class DesignerChecks_Issue11Tests
{
    private static readonly Instant Now = Instant.FromUtc(2025, 9, 26, 1, 0);

    private static readonly Department[] Catalogue =
    [
        new("market", "市场监督管理局", "Market regulation", "city"),
        new("fire", "消防救援支队", "Fire and rescue", "city"),
        new("urban", "城市管理和综合执法局", "Urban management", "city"),
        Retired(new Department("health", "卫生健康委员会", "Health", "city")),
    ];

    // ---- budgets along every path within the promise -------------------------------------------------------------------

    [Fact]
    public void Budget_SequentialReviewsOverThePromise_AreRefusedAtTheLastReviewOfTheCriticalPath()
    {
        var flow = Sequential(("market", 6), ("fire", 6));

        var errors = Check(flow, Item(promised: TimeLimit.WorkingDays(10), "market", "fire"));

        var error = errors.Should().ContainSingle().Which;
        error.Code.Should().Be(DesignerChecks.BudgetExceedsPromised);
        error.Path.Should().Be("$.root.activities[3]");
        error.Message.Should().Contain("12").And.Contain("review-market 6 + review-fire 6").And.Contain("关键路径").And.Contain("promised limit");
    }

    [Fact]
    public void Budget_ParallelBranchesCountTheirLongestBranch_SoTheSameReviewsFitWhenForked()
    {
        var flow = Parallel(("market", 6), ("fire", 6));

        Check(flow, Item(promised: TimeLimit.WorkingDays(10), "market", "fire")).Should().BeEmpty();
    }

    [Fact]
    public void Budget_CriticalPathThroughAForkAndASequentialReview_IsTheLongestBranchPlusTheReviewAfterTheJoin()
    {
        var over = ForkThenReview(8, 3, ("urban", 3));
        var within = ForkThenReview(7, 3, ("urban", 3));

        var errors = Check(over, Item(promised: TimeLimit.WorkingDays(10), "market", "fire", "urban"));
        errors.Should().ContainSingle().Which.Should().Match<ValidationError>(e => e.Code == DesignerChecks.BudgetExceedsPromised && e.Message.Contains("11"));
        Check(within, Item(promised: TimeLimit.WorkingDays(10), "market", "fire", "urban")).Should().BeEmpty();
    }

    [Fact]
    public void Budget_InWorkingDaysOverACalendarDayPromiseOfFewerDays_IsRefusedWithTheReason_AndOneThatMayFitIsAccepted()
    {
        var errors = Check(Sequential(("market", 8)), Item(promised: TimeLimit.CalendarDays(7), statutory: TimeLimit.CalendarDays(30), "market"));

        errors.Should().ContainSingle().Which.Message.Should().Contain("8 working days take at least 8 calendar days").And.Contain("至少跨 8 个自然日");
        Check(Sequential(("market", 5)), Item(promised: TimeLimit.CalendarDays(7), statutory: TimeLimit.CalendarDays(30), "market")).Should().BeEmpty();
    }

    [Fact]
    public void Budget_ALoopBackIsCountedOnce_AndTheCheckEnds()
    {
        var flow = Compile(new FlowchartBuilder("loop").Start("start")
            .Review("review-market", "market", 4).Review("review-fire", "fire", 4).End("end")
            .Connect("start", "review-market").Connect("review-market", "Approved", "review-fire").Connect("review-market", "Rejected", "end")
            .Connect("review-fire", "Rejected", "review-market").Connect("review-fire", "Approved", "end"));

        Check(flow, Item(promised: TimeLimit.WorkingDays(8), "market", "fire")).Should().BeEmpty();
        Check(flow, Item(promised: TimeLimit.WorkingDays(7), "market", "fire")).Should().ContainSingle().Which.Code.Should().Be(DesignerChecks.BudgetExceedsPromised);
    }

    // ---- the promise within the statutory limit ------------------------------------------------------------------------

    [Fact]
    public void Promise_OverTheStatutoryLimit_IsRefused_AndAPromiseWithinItIsAccepted()
    {
        var flow = Sequential(("market", 2));

        Check(flow, Item(promised: TimeLimit.WorkingDays(12), statutory: TimeLimit.WorkingDays(10), "market"))
            .Should().ContainSingle().Which.Should().Match<ValidationError>(e => e.Code == DesignerChecks.PromisedExceedsStatutory && e.Path == "$.root");
        Check(flow, Item(promised: TimeLimit.WorkingDays(10), statutory: TimeLimit.WorkingDays(10), "market")).Should().BeEmpty();
    }

    [Fact]
    public void Promise_InWorkingDaysOverAStatutoryLimitOfFewerCalendarDays_IsRefused_ThreeWorkingDaysInSevenCalendarDaysAreAccepted()
    {
        var flow = Sequential(("market", 2));

        Check(flow, Item(promised: TimeLimit.WorkingDays(8), statutory: TimeLimit.CalendarDays(7), "market"))
            .Should().ContainSingle().Which.Code.Should().Be(DesignerChecks.PromisedExceedsStatutory);
        Check(flow, Item(promised: TimeLimit.WorkingDays(3), statutory: TimeLimit.CalendarDays(7), "market")).Should().BeEmpty();
    }

    // ---- departments exist, are active, review once ----------------------------------------------------------------------

    [Fact]
    public void Department_NotInTheCatalogue_IsRefusedAtItsInput()
    {
        var errors = DesignerChecks.Check(Parallel(("market", 2), ("nosuch", 2)), [], Catalogue);

        errors.Should().ContainSingle().Which.Should().Match<ValidationError>(e =>
            e.Code == DesignerChecks.DepartmentUnknown && e.Path == "$.root.activities[3].department.expression.value" && e.Message.Contains("nosuch"));
        DesignerChecks.Check(Parallel(("market", 2), ("urban", 2)), [], Catalogue).Should().BeEmpty();
    }

    [Fact]
    public void Department_Retired_IsRefused()
    {
        DesignerChecks.Check(Sequential(("health", 2)), [], Catalogue)
            .Should().ContainSingle().Which.Code.Should().Be(DesignerChecks.DepartmentRetired);
        DesignerChecks.Check(Sequential(("fire", 2)), [], Catalogue).Should().BeEmpty();
    }

    [Fact]
    public void Department_ReviewingTwice_IsRefusedAtTheSecondReview()
    {
        var errors = DesignerChecks.Check(Parallel(("market", 2), ("market", 3)), [], Catalogue);

        errors.Should().ContainSingle().Which.Should().Match<ValidationError>(e =>
            e.Code == DesignerChecks.DepartmentTwice && e.Path == "$.root.activities[3].department.expression.value" && e.Message.Contains("reviews twice"));
    }

    // ---- the flow's departments are the item's ---------------------------------------------------------------------------

    [Fact]
    public void ItemDepartments_AMissingCoDepartment_IsNamed()
    {
        var errors = Check(Parallel(("market", 2), ("fire", 2)), Item(TimeLimit.WorkingDays(10), "market", "fire", "urban"));

        errors.Should().ContainSingle().Which.Should().Match<ValidationError>(e =>
            e.Code == DesignerChecks.DepartmentMissing && e.Path == "$.root.activities" && e.Message.Contains("urban") && !e.Message.Contains("fire,"));
    }

    [Fact]
    public void ItemDepartments_AnExtraDepartment_IsNamedAtItsReview_AndTheExactSetIsAccepted()
    {
        var flow = Parallel(("market", 2), ("fire", 2), ("urban", 2));

        Check(flow, Item(TimeLimit.WorkingDays(10), "market", "fire")).Should().ContainSingle().Which.Should().Match<ValidationError>(e =>
            e.Code == DesignerChecks.DepartmentNotOfItem && e.Path == "$.root.activities[4].department.expression.value" && e.Message.Contains("'urban'"));
        Check(flow, Item(TimeLimit.WorkingDays(10), "market", "fire", "urban")).Should().BeEmpty();
    }

    [Fact]
    public void ItemRules_ApplyPerItem_AndNotWithoutAnItem()
    {
        var flow = Sequential(("market", 12), ("fire", 2));

        DesignerChecks.Check(flow, [], Catalogue).Should().BeEmpty("no item uses the flow yet: no promise to meet, no departments to match");
        var errors = DesignerChecks.Check(flow, [Item(TimeLimit.WorkingDays(15), "market", "fire"), Item(TimeLimit.WorkingDays(10), "market", "fire") with { Code = "short" }], Catalogue);
        errors.Should().ContainSingle().Which.Message.Should().Contain("'short'");
    }

    // ---- joins state their mode --------------------------------------------------------------------------------------------

    [Fact]
    public void Join_WithoutAMode_IsRefusedAtPublish_AndAJoinWithAModeIsAccepted()
    {
        var errors = DesignerChecks.Check(Parallel(null, ("market", 2), ("fire", 2)), [], Catalogue);

        errors.Should().ContainSingle().Which.Should().Match<ValidationError>(e =>
            e.Code == DesignerChecks.JoinModeMissing && e.Path == "$.root.activities[4].mode" && e.Message.Contains("WaitAllActive"));
        DesignerChecks.Check(Parallel("WaitAny", ("market", 2), ("fire", 2)), [], Catalogue).Should().BeEmpty();
    }

    [Fact]
    public void TheShippedRestaurantFlow_PassesWithItsItem_AndFailsWhenThePromiseIsCut()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "restaurant-opening.json"));
        var flow = Compile(json);
        var item = Item(TimeLimit.WorkingDays(10), "market", "fire", "urban", "water") with { Code = "restaurant-opening" };
        var departments = Catalogue.Append(new Department("water", "水务局", "Water authority", "city")).ToList();

        DesignerChecks.Check(flow, [item], departments).Should().BeEmpty();
        DesignerChecks.Check(flow, [item with { Data = item.Data with { PromisedLimit = TimeLimit.WorkingDays(7) } }], departments)
            .Should().ContainSingle().Which.Message.Should().Contain("review-fire 8");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------------

    private static IReadOnlyList<ValidationError> Check(DesignedFlow flow, ItemUsingFlow item) => DesignerChecks.Check(flow, [item], Catalogue);

    private static ItemUsingFlow Item(TimeLimit promised, params string[] departments) => Item(promised, TimeLimit.WorkingDays(20), departments);

    private static ItemUsingFlow Item(TimeLimit promised, TimeLimit statutory, params string[] departments) =>
        new("test-licence", new ServiceItemBuilder().Lead(departments[0]).CoDepartments(departments[1..]).Limits(promised, statutory).Data());

    /// <summary>Start → review → review … → End (each review's both ports lead on).</summary>
    private static DesignedFlow Sequential(params (string Department, int Days)[] reviews)
    {
        var builder = new FlowchartBuilder("sequential").Start("start").Activity("Elsa.WriteLine", "note");
        var previous = "note";
        builder.Connect("start", "note");
        foreach (var (department, days) in reviews)
        {
            var id = "review-" + department;
            builder.Review(id, department, days).Connect(previous, previous == "note" ? "Done" : "Approved", id);
            previous = id;
        }

        return Compile(builder.End("end").Connect(previous, "Approved", "end"));
    }

    /// <summary>Start → Fork → one review per branch → Join(WaitAllActive) → End.</summary>
    private static DesignedFlow Parallel(params (string Department, int Days)[] reviews) => Parallel("WaitAllActive", reviews);

    private static DesignedFlow Parallel(string? mode, params (string Department, int Days)[] reviews)
    {
        var branches = reviews.Select((r, i) => $"b{i}").ToArray();
        var builder = new FlowchartBuilder("parallel").Start("start").Fork("fork", branches);
        for (var i = 0; i < reviews.Length; i++)
        {
            builder.Review($"review-{i}-{reviews[i].Department}", reviews[i].Department, reviews[i].Days);
        }

        builder.Join("join", mode).End("end").Connect("start", "fork").Connect("join", "end");
        for (var i = 0; i < reviews.Length; i++)
        {
            var id = $"review-{i}-{reviews[i].Department}";
            builder.Connect("fork", branches[i], id).Connect(id, "Approved", "join").Connect(id, "Rejected", "join");
        }

        return Compile(builder);
    }

    /// <summary>Start → Fork(market, fire) → Join → one more review → End.</summary>
    private static DesignedFlow ForkThenReview(int marketDays, int fireDays, (string Department, int Days) after) => Compile(
        new FlowchartBuilder("fork-then").Start("start").Fork("fork", "a", "b")
            .Review("review-market", "market", marketDays).Review("review-fire", "fire", fireDays).Join("join", "WaitAll")
            .Review("review-" + after.Department, after.Department, after.Days).End("end")
            .Connect("start", "fork").Connect("fork", "a", "review-market").Connect("fork", "b", "review-fire")
            .Connect("review-market", "Approved", "join").Connect("review-fire", "Approved", "join")
            .Connect("join", "review-" + after.Department).Connect("review-" + after.Department, "Approved", "end"));

    private static DesignedFlow Compile(FlowchartBuilder builder) => Compile(builder.Build());

    private static DesignedFlow Compile(string json)
    {
        var read = DefinitionReader.Read(json);
        read.Errors.Should().BeEmpty();
        var compiled = WorkflowCompiler.Compile(read.Document!, ApprovalActivities.Catalogue(), new DefinitionIdentity("test", 1, "v1"), read.RootPath);
        compiled.Errors.Should().BeEmpty();
        return DesignedFlow.From(read.Document!, compiled.Workflow!, read.RootPath);
    }

    private static Department Retired(Department department)
    {
        department.Retire(Now);
        return department;
    }
}

/// <summary>A department review on a test flow.</summary>
internal static class ReviewBuilding
{
    public static FlowchartBuilder Review(this FlowchartBuilder builder, string id, string department, int days) =>
        builder.Activity(DepartmentReviewActivity.TypeName, id).Literal("department", department).Literal("timeLimitWorkingDays", days.ToString(System.Globalization.CultureInfo.InvariantCulture), "Int32");
}

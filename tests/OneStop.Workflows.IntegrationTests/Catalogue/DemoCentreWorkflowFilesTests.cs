using OneStop.Workflows.Domain.Approval;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Engine.Definitions;
using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.Server.Features.Catalogue;

namespace OneStop.Workflows.IntegrationTests.Catalogue;

/// <summary>
/// The demo centre's seed data (<see cref="DemoCentre"/>, in the Server project) against the repository's <c>workflows/</c>
/// folder: each seeded item is a valid catalogue entry naming seeded departments, and its file reviews exactly with the
/// item's departments. No server or database: here only because <see cref="DemoCentre"/> lives in Server.
/// </summary>
public sealed class DemoCentreWorkflowFilesTests
{
    public static TheoryData<string> ItemCodes => [.. DemoCentre.Items.Select(i => i.Code)];

    [Theory]
    [MemberData(nameof(ItemCodes))]
    public void ItemWorkflow_HasOneAcceptanceOneCompletionAndAReviewPerDepartment_MatchingTheSeededItem(string code)
    {
        var data = DemoCentre.Items.Single(i => i.Code == code).Data;
        data.WorkflowDefinitionId.Should().Be(code);
        var file = Path.Combine(RepositoryFolders.Workflows, code + ".json");
        File.Exists(file).Should().BeTrue("every seeded item needs workflows/{0}.json", code);

        var workflow = WorkflowCompiler.Compile(File.ReadAllText(file), ApprovalActivities.Catalogue(), new DefinitionIdentity(code, 1, code)).Workflow;

        workflow.Should().NotBeNull();
        workflow!.Activities.Should().ContainSingle(a => a.Type == AcceptanceActivity.TypeName);
        workflow.Activities.Should().ContainSingle(a => a.Type == CompletionActivity.TypeName);
        var reviews = workflow.Activities.Where(a => a.Type == DepartmentReviewActivity.TypeName).ToList();
        reviews.Select(r => r.Inputs["Department"] as string).Should().BeEquivalentTo([data.LeadDepartment, .. data.CoDepartments]);
        // A calendar-day promise of N days holds at most N working days, so N bounds a review's budget either way.
        reviews.Should().OnlyContain(r => (int)r.Inputs["TimeLimitWorkingDays"]! <= data.PromisedLimit.Value,
            "a department's budget cannot exceed the promise");
    }

    [Theory]
    [MemberData(nameof(ItemCodes))]
    public void ItemWorkflow_JoinsParallelReviewsWithWaitAllActive_WhenSeveralDepartmentsReview(string code)
    {
        var data = DemoCentre.Items.Single(i => i.Code == code).Data;
        var workflow = WorkflowCompiler.Compile(File.ReadAllText(Path.Combine(RepositoryFolders.Workflows, code + ".json")), ApprovalActivities.Catalogue(),
            new DefinitionIdentity(code, 1, code)).Workflow!;

        var joins = workflow.Activities.Where(a => a.IsJoin).ToList();
        var forks = workflow.Activities.Where(a => a.Type == BuiltInActivities.FlowFork).ToList();
        if (data.CoDepartments.Count == 0)
        {
            joins.Should().BeEmpty();
            forks.Should().BeEmpty();
        }
        else
        {
            joins.Should().ContainSingle().Which.JoinMode.Should().Be(FlowJoinActivity.WaitAllActive);
            forks.Should().ContainSingle().Which.Outgoing.Should().HaveCount(data.CoDepartments.Count + 1);
        }
    }

    [Fact]
    public void DemoCentre_SeedsValidItems_NamingOnlySeededDepartments()
    {
        var departments = DemoCentre.Departments.Select(d => d.Code).ToHashSet();

        DemoCentre.Departments.Should().HaveCount(15);
        DemoCentre.Items.Should().HaveCount(6);
        foreach (var (code, data) in DemoCentre.Items)
        {
            data.Problems().Should().BeEmpty("{0} must be a valid catalogue entry", code);
            departments.Should().Contain([data.LeadDepartment, .. data.CoDepartments]);
            data.Materials.Should().HaveCountGreaterThanOrEqualTo(2).And.HaveCountLessThanOrEqualTo(5);
        }
    }
}

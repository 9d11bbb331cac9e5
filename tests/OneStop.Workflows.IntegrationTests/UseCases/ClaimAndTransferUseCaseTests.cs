using FluentAssertions;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>Claim and transfer called as use cases: the same authorization and refusals as the routes, no HTTP.</summary>
public sealed class ClaimAndTransferUseCaseTests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    [Fact]
    public async Task Claim_ByTheLeadWindow_AssignsTheTask_AndAgainChangesNothing()
    {
        var (caseId, _, _) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        var taskId = (await Driver.TasksAsync(caseId, "Acceptance")).Single()["id"]!.GetValue<string>();

        var first = await Run<ClaimTask, Result<TaskView>>(u => u.ExecuteAsync(new(taskId), Clerk("market"), default));
        var again = await Run<ClaimTask, Result<TaskView>>(u => u.ExecuteAsync(new(taskId), Clerk("market"), default));

        first.Refusal.Should().BeNull();
        first.Value!.Assignee.Should().Be("clerk.market");
        again.Value.Should().BeEquivalentTo(first.Value);
    }

    [Fact]
    public async Task Claim_ByAnotherDepartment_IsForbidden_AndChangesNothing()
    {
        var (caseId, _, _) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        var taskId = (await Driver.TasksAsync(caseId, "Acceptance")).Single()["id"]!.GetValue<string>();

        var refused = await Run<ClaimTask, Result<TaskView>>(u => u.ExecuteAsync(new(taskId), Clerk("housing"), default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        (await Driver.TasksAsync(caseId, "Acceptance")).Single()["assignee"].Should().BeNull();
    }

    [Fact]
    public async Task Transfer_ToSomeoneOutsideTheDepartment_IsInvalid_ByField()
    {
        var (caseId, _, _) = await Driver.SubmitAsync("clerk.market", "food-business-licence");
        var taskId = (await Driver.TasksAsync(caseId, "Acceptance")).Single()["id"]!.GetValue<string>();

        var refused = await Run<TransferTask, Result<TaskView>>(u => u.ExecuteAsync(new(taskId, "clerk.housing", null), Clerk("market"), default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Invalid);
        refused.Refusal.Errors.Should().ContainKey("toUser");
    }
}

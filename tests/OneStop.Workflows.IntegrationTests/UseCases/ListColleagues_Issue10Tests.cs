using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>Issue 10: the colleagues a task can be transferred to — the same rule and refusals as the transfer itself.</summary>
public sealed class ListColleagues_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static readonly Actor Admin = new("admin", Role.Administrator, null);

    private Task<Result<ListColleagues.Response>> ListAsync(string taskId, Actor actor) =>
        Run<ListColleagues, Result<ListColleagues.Response>>(u => u.ExecuteAsync(new(taskId), actor, default));

    private async Task CreateUserAsync(string userName, string role, string department) =>
        Value(await Run<CreateUser, Result<UserWithOneTimePassword>>(u => u.ExecuteAsync(new(userName, userName + " 同事", role, department), Admin, default)));

    private async Task<string> FireReviewAsync()
    {
        var caseId = await Driver.SubmitAndAcceptAsync("clerk.market", "restaurant-opening");
        return (await OpenTaskAsync(new CaseId(Guid.Parse(caseId)), TaskKind.Review, "fire")).Id.ToString();
    }

    [Fact]
    public async Task TheList_IsExactlyWhomTheTransferAccepts()
    {
        await CreateUserAsync("reviewer2.fire", "Reviewer", "fire");
        await CreateUserAsync("reviewer3.fire", "Reviewer", "fire");
        await CreateUserAsync("clerk.fire", "WindowClerk", "fire");
        Value(await Run<DisableUser, Result<UserView>>(u => u.ExecuteAsync(new("reviewer3.fire"), Admin, default)));
        var taskId = await FireReviewAsync();

        var colleagues = Value(await ListAsync(taskId, Reviewer("fire")));

        colleagues.Items.Select(c => (c.UserName, c.Role)).Should().Equal(("head.fire", "DepartmentHead"), ("reviewer.fire", "Reviewer"), ("reviewer2.fire", "Reviewer"));
        colleagues.Items.Should().OnlyContain(c => c.DisplayName.Length > 0);
        foreach (var listed in colleagues.Items)
        {
            var moved = await Run<TransferTask, Result<TaskView>>(u => u.ExecuteAsync(new(taskId, listed.UserName, "test"), Head("fire"), default));
            Value(moved).Assignee.Should().Be(listed.UserName);
        }

        foreach (var unlisted in new[] { "reviewer3.fire", "clerk.fire", "reviewer.water", "no.such.user" })
        {
            var refused = await Run<TransferTask, Result<TaskView>>(u => u.ExecuteAsync(new(taskId, unlisted, "test"), Head("fire"), default));
            refused.Refusal!.Errors.Should().ContainKey("toUser", unlisted);
        }
    }

    [Fact]
    public async Task TheList_IsRefusedAsTheTransferWouldBe()
    {
        await CreateUserAsync("reviewer2.fire", "Reviewer", "fire");
        var taskId = await FireReviewAsync();
        Value(await Run<ClaimTask, Result<TaskView>>(u => u.ExecuteAsync(new(taskId), Reviewer("fire"), default)));
        var colleague = new Actor("reviewer2.fire", Role.Reviewer, "fire");

        var otherDepartment = await ListAsync(taskId, Reviewer("police"));
        var wrongRole = await ListAsync(taskId, Clerk("market"));
        var unknown = await ListAsync(Guid.NewGuid().ToString(), Reviewer("fire"));
        var notTheAssignee = await ListAsync(taskId, colleague);
        var transferAsColleague = await Run<TransferTask, Result<TaskView>>(u => u.ExecuteAsync(new(taskId, "head.fire", null), colleague, default));
        var head = await ListAsync(taskId, Head("fire"));
        var assignee = await ListAsync(taskId, Reviewer("fire"));

        otherDepartment.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        wrongRole.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        unknown.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
        notTheAssignee.Refusal!.Code.Should().Be(RefusalCodes.TaskNotTransferable);
        notTheAssignee.Refusal.Should().BeEquivalentTo(transferAsColleague.Refusal, "the one rule answers both");
        Value(head).Items.Should().HaveCount(3, "a department head may take back a task assigned to someone else");
        Value(assignee).Items.Should().BeEquivalentTo(Value(head).Items);
    }
}

using FluentAssertions;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>Issue 10 (the task page): one task, read under the same rule as acting on it.</summary>
public sealed class GetTask_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    [Fact]
    public async Task The_window_of_the_task_reads_it_and_nobody_else_does()
    {
        var caseId = new CaseId(Guid.Parse(Value(await SubmitAsync(Clerk("housing"), "construction-permit")).Id));
        var acceptance = (await OpenTaskAsync(caseId, TaskKind.Acceptance, "housing")).Id;

        var own = await GetAsync(acceptance.ToString(), Clerk("housing"));
        var otherWindow = await GetAsync(acceptance.ToString(), Clerk("market"));
        var reviewer = await GetAsync(acceptance.ToString(), Reviewer("housing"));
        var unknown = await GetAsync(TaskId.New().ToString(), Clerk("housing"));
        var garbage = await GetAsync("not-a-task", Clerk("housing"));

        own.Value!.Id.Should().Be(acceptance.ToString());
        own.Value.Kind.Should().Be("Acceptance");
        own.Value.Department.Should().Be("housing");
        otherWindow.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
        reviewer.Refusal!.Kind.Should().Be(RefusalKind.Forbidden, "a reviewer does not work acceptance tasks");
        unknown.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
        garbage.Refusal!.Kind.Should().Be(RefusalKind.NotFound);
    }

    private Task<Result<TaskView>> GetAsync(string id, Actor actor) =>
        Run<GetTask, Result<TaskView>>(u => u.ExecuteAsync(new(id), actor, default));
}

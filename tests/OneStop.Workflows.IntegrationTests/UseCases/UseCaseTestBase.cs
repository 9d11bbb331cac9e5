using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Cases;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Catalogue;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.IntegrationTests.Cases;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Calls use cases directly, without HTTP: each call gets its own DI scope (its own unit of work), as a request or a job
/// would. The server of <see cref="PostgresCaseTestBase"/> is there only to build the services (and for set-up by API).
/// </summary>
public abstract class UseCaseTestBase(PostgresServerFixture postgres) : PostgresCaseTestBase(postgres)
{
    /// <summary>The demo users as actors (department codes as seeded by the demo centre).</summary>
    protected static Actor Clerk(string department) => new($"clerk.{department}", Role.WindowClerk, department);

    protected static Actor Reviewer(string department) => new($"reviewer.{department}", Role.Reviewer, department);

    protected static Actor Head(string department) => new($"head.{department}", Role.DepartmentHead, department);

    protected static readonly Actor Supervisor = new("supervisor", Role.Supervisor, null);

    /// <summary>Resolves <typeparamref name="TUseCase"/> in a fresh scope and runs <paramref name="call"/> on it.</summary>
    protected async Task<TResult> Run<TUseCase, TResult>(Func<TUseCase, Task<TResult>> call)
        where TUseCase : notnull
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    /// <summary>A context of its own, for set-up reads and for checking what was stored.</summary>
    protected OneStopDbContext Db() => Factory.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>().CreateDbContext();

    /// <summary>The value of a result that must not be refused.</summary>
    protected static T Value<T>(Result<T> result)
    {
        result.Refusal.Should().BeNull();
        return result.Value!;
    }

    /// <summary>Submits <paramref name="item"/> for the demo applicant 张三 Zhang San with the application form only.</summary>
    protected Task<Result<SubmitCase.Receipt>> SubmitAsync(Actor clerk, string item, DeliveryMethod delivery = DeliveryMethod.Pickup, string? address = null) =>
        Run<SubmitCase, Result<SubmitCase.Receipt>>(u => u.ExecuteAsync(new(item, new("张三 Zhang San", "11010519491231002X", "13800138000"),
            new System.Text.Json.Nodes.JsonObject { ["businessName"] = "Test Co." }, [new("Application form 申请书")], delivery, address), clerk, default));

    /// <summary>The case's one open task of that kind for that department.</summary>
    protected async Task<ApprovalTask> OpenTaskAsync(CaseId caseId, TaskKind kind, string department)
    {
        await using var db = Db();
        return await db.Tasks.AsNoTracking().SingleAsync(t => t.CaseId == caseId && t.Kind == kind && t.Department == department && t.Status == ApprovalTaskStatus.Open);
    }

    /// <summary>Decides a task with a fresh idempotency key unless one is given.</summary>
    protected Task<Result<TaskView>> DecideAsync(TaskId taskId, string outcome, Actor actor, string? opinion,
        IReadOnlyList<DecideTask.CorrectionData>? corrections = null, string? key = null) =>
        Run<DecideTask, Result<TaskView>>(u => u.ExecuteAsync(new(taskId.ToString(), outcome, opinion, corrections, key ?? Guid.NewGuid().ToString("N")), actor, default));
}

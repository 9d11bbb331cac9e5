using Microsoft.Extensions.DependencyInjection;
using OneStop.Workflows.Application;
using OneStop.Workflows.Domain.People;
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
}

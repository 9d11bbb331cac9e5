using FluentAssertions;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>The simulated clock's use case without HTTP: only administrators, and only when the clock is simulated.</summary>
public sealed class SimulatedClockUseCase_Issue9Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static readonly Actor Admin = new("admin", Role.Administrator, null);

    [Fact]
    public async Task OnTheSystemClock_TheChangeIsAConflict_WithTheWireCode()
    {
        var refused = await Run<ChangeSimulatedClock, Result<ChangeSimulatedClock.Changed>>(u => u.ExecuteAsync(new(null, "P1D"), Admin, default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Conflict);
        refused.Refusal.Code.Should().Be("SystemClock");
    }

    [Fact]
    public async Task SomeoneOtherThanAnAdministrator_IsForbidden()
    {
        var refused = await Run<ChangeSimulatedClock, Result<ChangeSimulatedClock.Changed>>(u => u.ExecuteAsync(new(null, "P1D"), Supervisor, default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
    }
}

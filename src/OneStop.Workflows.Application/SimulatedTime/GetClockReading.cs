using NodaTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;

namespace OneStop.Workflows.Application.SimulatedTime;

/// <summary>An administrator reads the server's clock: its mode (System or Simulated) and the time now, in the centre's zone and in UTC.</summary>
/// <remarks><paramref name="simulated"/> is null when the server runs on the system clock (<c>Clock:Mode=System</c>).</remarks>
public sealed class GetClockReading(SimulatedClock? simulated, IClock clock, CentreTimeZone centre)
{
    /// <summary>No parameters: the one clock of the server.</summary>
    public sealed record Query;

    public Task<Result<ClockReading>> ExecuteAsync(Query query, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        Result<ClockReading> result = actor.Role != Role.Administrator
            ? Refusal.Forbidden("Only an administrator reads the server's clock.")
            : ClockReading.Of(simulated is null ? ClockMode.System : ClockMode.Simulated, clock.GetCurrentInstant(), centre);
        return Task.FromResult(result);
    }
}

using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.Domain.Calendar;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Domain.Shared;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.UseCases;

/// <summary>
/// Issue 10: the administrator reads the simulated clock and moves it to the next working day (09:00, centre's zone, per the
/// effective calendar) or to the next due signal (which the sweep then fires). PostgreSQL, supervision on, the clock simulated.
/// </summary>
public sealed class SimulatedClockTargets_Issue10Tests(PostgresServerFixture postgres) : UseCaseTestBase(postgres)
{
    private static readonly Actor Admin = new("admin", Role.Administrator, null);

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Clock:Mode"] = "Simulated",
        ["Clock:Start"] = "2025-09-19T15:00:00+08:00", // a Friday
        ["Supervision:Enabled"] = "true",
    };

    [Fact]
    public async Task TheReading_IsTheSimulatedClock_ForAnAdministratorOnly()
    {
        var reading = Value(await Run<GetClockReading, Result<ClockReading>>(u => u.ExecuteAsync(new(), Admin, default)));
        var refused = await Run<GetClockReading, Result<ClockReading>>(u => u.ExecuteAsync(new(), Supervisor, default));

        reading.Mode.Should().Be(ClockMode.Simulated);
        reading.Now.Should().StartWith("2025-09-19T15:").And.EndWith("+08:00");
        refused.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
    }

    [Theory]
    [InlineData("2025-09-19T17:30:00+08:00", "2025-09-22T09:00:00+08:00")] // Friday → Monday
    [InlineData("2025-09-26T08:00:00+08:00", "2025-09-28T09:00:00+08:00")] // Friday → the make-up working Sunday
    [InlineData("2025-09-30T10:00:00+08:00", "2025-10-09T09:00:00+08:00")] // over the National Day holiday (10-01 … 10-08)
    [InlineData("2025-10-08T23:30:00+08:00", "2025-10-09T09:00:00+08:00")] // the holiday's last evening → the morning after
    public async Task NextWorkingDay_IsTheStartOfBusiness_OfTheFirstWorkingDayAfterToday(string from, string expected)
    {
        await MoveAsync(new(from, null));

        var changed = await MoveAsync(new(null, null, "nextWorkingDay"));

        changed.MovedTo.Should().Be(expected);
        changed.FailedFollowUps.Should().Be(0);
    }

    [Fact]
    public async Task NextDueSignal_MovesExactlyToTheEarliestPendingDue_AndTheSweepFiresIt()
    {
        await MoveAsync(new("2025-09-26T09:00:00+08:00", null));
        await Driver.SubmitAndAcceptAsync("clerk.market", "food-business-licence");
        await using (var before = Db())
        {
            (await before.Signals.CountAsync(s => s.FiredAt == null)).Should().BeGreaterThan(1, "acceptance plans the ladder");
        }

        Instant earliest;
        await using (var db = Db())
        {
            earliest = (await db.Signals.Where(s => s.FiredAt == null).Select(s => s.DueAt).ToListAsync()).Min();
        }

        var changed = await MoveAsync(new(null, null, "NextDueSignal"));

        await using var after = Db();
        var signals = await after.Signals.AsNoTracking().ToListAsync();
        changed.MovedTo.Should().Be(ClockText.Format(earliest, Factory.Services.GetRequiredService<CentreTimeZone>().Zone));
        signals.Where(s => s.DueAt == earliest).Should().OnlyContain(s => s.FiredAt != null, "the sweep after the move fired what became due");
        signals.Where(s => s.DueAt > earliest).Should().OnlyContain(s => s.FiredAt == null, "nothing later is due yet");
    }

    [Fact]
    public async Task NextDueSignal_WithNonePending_IsAConflict_AndTheClockStays()
    {
        var refused = await Run<ChangeSimulatedClock, Result<ChangeSimulatedClock.Changed>>(u => u.ExecuteAsync(new(null, null, "nextDueSignal"), Admin, default));
        var reading = Value(await Run<GetClockReading, Result<ClockReading>>(u => u.ExecuteAsync(new(), Admin, default)));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Conflict);
        refused.Refusal.Code.Should().Be(RefusalCodes.NoPendingSignal).And.Be("clock.no-pending-signal");
        reading.Now.Should().StartWith("2025-09-19T15:");
    }

    [Theory]
    [InlineData("2025-10-08T14:30:00+08:00", null, "nextWorkingDay", "to")]
    [InlineData(null, "P1D", "nextDueSignal", "to")]
    [InlineData("2025-10-08T14:30:00+08:00", "P1D", "nextWorkingDay", "to")]
    [InlineData(null, null, "tomorrow", "to")]
    [InlineData(null, null, "1", "to")]
    [InlineData(null, null, null, "now")]
    public async Task NotExactlyOneWay_OrAnUnknownTarget_IsInvalid_NamingTheField(string? now, string? advanceBy, string? to, string field)
    {
        var refused = await Run<ChangeSimulatedClock, Result<ChangeSimulatedClock.Changed>>(u => u.ExecuteAsync(new(now, advanceBy, to), Admin, default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Invalid);
        refused.Refusal.Errors!.Keys.Should().Equal(field);
    }

    [Fact]
    public async Task OnlyAnAdministrator_MovesTheClockToATarget()
    {
        var refused = await Run<ChangeSimulatedClock, Result<ChangeSimulatedClock.Changed>>(u => u.ExecuteAsync(new(null, null, "nextWorkingDay"), Supervisor, default));

        refused.Refusal!.Kind.Should().Be(RefusalKind.Forbidden);
    }

    private async Task<ChangeSimulatedClock.Changed> MoveAsync(ChangeSimulatedClock.Command command) =>
        Value(await Run<ChangeSimulatedClock, Result<ChangeSimulatedClock.Changed>>(u => u.ExecuteAsync(command, Admin, default)));
}

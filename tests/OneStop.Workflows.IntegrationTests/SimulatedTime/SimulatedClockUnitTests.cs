using NodaTime;
using OneStop.Workflows.Application.SimulatedTime;
using OneStop.Workflows.Server.Features.SimulatedTime;

namespace OneStop.Workflows.IntegrationTests.SimulatedTime;

/// <summary><see cref="SimulatedClock"/> on a hand-driven time source.</summary>
public sealed class SimulatedClockUnitTests
{
    private static readonly Instant Start = Instant.FromUtc(2025, 9, 26, 1, 0);

    [Fact]
    public void RunsAtTheRealPace_FromWhereItWasSet()
    {
        var time = new ManualTime();
        var clock = new SimulatedClock(Start, time);
        clock.GetCurrentInstant().Should().Be(Start);

        time.Pass(TimeSpan.FromSeconds(5));
        clock.GetCurrentInstant().Should().Be(Start + Duration.FromSeconds(5));

        var change = clock.Set(Start + Duration.FromDays(1));
        change.Should().Be(new ClockChange(Start + Duration.FromSeconds(5), Start + Duration.FromDays(1)));
        clock.GetCurrentInstant().Should().Be(Start + Duration.FromDays(1));

        time.Pass(TimeSpan.FromSeconds(1));
        clock.Advance(Duration.FromHours(2)).After.Should().Be(Start + Duration.FromDays(1) + Duration.FromHours(2) + Duration.FromSeconds(1));
    }

    [Fact]
    public void NeverGoesBackwards()
    {
        var clock = new SimulatedClock(Start, new ManualTime());

        clock.Invoking(c => c.Set(Start - Duration.FromTicks(1))).Should().Throw<ArgumentException>().WithMessage("*backwards*");
        clock.Invoking(c => c.Advance(Duration.FromTicks(-1))).Should().Throw<ArgumentException>().WithMessage("*backwards*");
        clock.Invoking(c => c.Advance(Duration.MaxValue)).Should().Throw<ArgumentException>();
        clock.GetCurrentInstant().Should().Be(Start);
        clock.Set(Start).Should().Be(new ClockChange(Start, Start), "setting the current time again is not going backwards");
    }

    [Fact]
    public void StartsAtTheRealTime_WhenNoStartIsGiven()
    {
        var real = SystemClock.Instance.GetCurrentInstant();

        new SimulatedClock().GetCurrentInstant().Should().BeInRange(real, real + Duration.FromMinutes(1));
    }

    [Fact]
    public async Task ConcurrentAdvances_AllCount()
    {
        var clock = new SimulatedClock(Start, new ManualTime());

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                clock.Advance(Duration.FromSeconds(1));
                clock.GetCurrentInstant().Should().BeGreaterThan(Start);
            }
        })));

        clock.GetCurrentInstant().Should().Be(Start + Duration.FromSeconds(8000));
    }

    [Theory]
    [InlineData("P3D", 72 * 60)]
    [InlineData("PT2H", 120)]
    [InlineData("P1DT12H", 36 * 60)]
    [InlineData("PT0S", 0)]
    public void ParseDuration_CountsDaysAs24Hours(string text, int minutes) =>
        ClockText.ParseDuration(text).Should().Be(((Duration?)Duration.FromMinutes(minutes), (string?)null));

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Pass(TimeSpan span) => Interlocked.Add(ref _ticks, span.Ticks);
    }
}

using System.Text.Json;
using OneStop.Workflows.Domain.Cases;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Tests.Shared;

/// <summary>Issue 9 item 4: typed task, clock and signal ids keep the wire form of the raw Guid they replace.</summary>
public class TypedIds_Issue9Tests
{
    private static readonly Guid Known = Guid.Parse("0b4d8c0e-1f2a-4b3c-9d8e-7f6a5b4c3d2e");

    [Theory]
    [InlineData("0b4d8c0e-1f2a-4b3c-9d8e-7f6a5b4c3d2e")]
    [InlineData("0b4d8c0e1f2a4b3c9d8e7f6a5b4c3d2e")]
    [InlineData("0B4D8C0E-1F2A-4B3C-9D8E-7F6A5B4C3D2E")]
    public void TryParse_AcceptsTheFormsCaseIdAccepts(string text)
    {
        CaseId.TryParse(text, out var caseId).Should().BeTrue();
        TaskId.TryParse(text, out var task).Should().BeTrue();
        ClockId.TryParse(text, out var clock).Should().BeTrue();
        SignalId.TryParse(text, out var signal).Should().BeTrue();

        (task.Value, clock.Value, signal.Value).Should().Be((caseId.Value, caseId.Value, caseId.Value));
        task.Value.Should().Be(Known);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-an-id")]
    [InlineData("0b4d8c0e-1f2a-4b3c-9d8e")]
    public void TryParse_RefusesWhatIsNoGuid(string? text)
    {
        TaskId.TryParse(text, out _).Should().BeFalse();
        ClockId.TryParse(text, out _).Should().BeFalse();
        SignalId.TryParse(text, out _).Should().BeFalse();
    }

    [Fact]
    public void ToString_IsTheDashedLowercaseForm_AndRoundTrips()
    {
        var task = TaskId.New();
        var clock = ClockId.New();
        var signal = SignalId.New();

        new TaskId(Known).ToString().Should().Be("0b4d8c0e-1f2a-4b3c-9d8e-7f6a5b4c3d2e");
        TaskId.TryParse(task.ToString(), out var t).Should().BeTrue();
        ClockId.TryParse(clock.ToString(), out var k).Should().BeTrue();
        SignalId.TryParse(signal.ToString(), out var s).Should().BeTrue();
        (t, k, s).Should().Be((task, clock, signal));
        $"{new SignalId(Known):N}".Should().Be("0b4d8c0e1f2a4b3c9d8e7f6a5b4c3d2e", "a format string means what it meant for the Guid");
    }

    [Fact]
    public void Json_WritesTheGuidString_AsTheRawGuidWas_AndReadsItBack()
    {
        var raw = JsonSerializer.Serialize(new { id = Known });
        var typed = JsonSerializer.Serialize(new { id = new TaskId(Known) });

        typed.Should().Be(raw);
        JsonSerializer.Serialize(new { id = new ClockId(Known) }).Should().Be(raw);
        JsonSerializer.Serialize(new { id = new SignalId(Known) }).Should().Be(raw);
        JsonSerializer.Deserialize<SignalId>("\"0b4d8c0e1f2a4b3c9d8e7f6a5b4c3d2e\"").Should().Be(new SignalId(Known));
    }

    [Fact]
    public void DistinctTypes_DoNotMix_EvenOverTheSameGuid()
    {
        object task = new TaskId(Known);
        object clock = new ClockId(Known);
        object signal = new SignalId(Known);

        task.Should().NotBe(clock);
        clock.Should().NotBe(signal);
        task.Should().Be(new TaskId(Known));
        new HashSet<object> { task, clock, signal }.Should().HaveCount(3);
    }

    [Fact]
    public void New_IsTimeOrdered()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => SignalId.New()).ToList();

        ids.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }
}

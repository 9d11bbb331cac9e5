using NodaTime;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Tests.Supervision;

/// <summary>The optional "k yellow cards within a period → red card" rule, counted per department (issue 4).</summary>
public class YellowAccumulationRuleTests
{
    private static readonly Dictionary<string, int> None = [];

    [Fact]
    public void Raising_TheCardsThatBringTheirDepartmentToAMultipleOfK_InOrder()
    {
        var rule = new YellowAccumulationRule(2, 7);

        var raising = rule.Raising([("a", "market"), ("b", "fire"), ("c", "market"), ("d", "market"), ("e", "fire"), ("f", "market")], None);

        raising.Should().Equal(("c", "market", 2), ("e", "fire", 2), ("f", "market", 4));
    }

    [Fact]
    public void Raising_StartsFromTheEarlierCardsOfThePeriod()
    {
        var rule = new YellowAccumulationRule(3, 7);

        rule.Raising([("a", "market")], new Dictionary<string, int> { ["market"] = 2 }).Should().Equal(("a", "market", 3));
        rule.Raising([("a", "market")], new Dictionary<string, int> { ["market"] = 3 }).Should().BeEmpty();
        rule.Raising([("a", "market"), ("b", "market")], new Dictionary<string, int> { ["market"] = 4, ["fire"] = 2 }).Should().Equal(("b", "market", 6));
    }

    [Fact]
    public void Raising_Nothing_WhenOff()
    {
        YellowAccumulationRule.Off.IsOn.Should().BeFalse();
        YellowAccumulationRule.Off.Raising(Enumerable.Range(0, 10).Select(i => (i, "market")), None).Should().BeEmpty();
    }

    [Theory]
    [InlineData(1, "2025-10-12")]
    [InlineData(3, "2025-10-10")]
    [InlineData(7, "2025-10-06")]
    public void PeriodStart_CountsCalendarDays_TheDayOfTheCardIncluded(int periodDays, string expected)
    {
        new YellowAccumulationRule(2, periodDays).PeriodStart(new LocalDate(2025, 10, 12)).Should().Be(NodaTime.Text.LocalDatePattern.Iso.Parse(expected).Value);
    }

    [Fact]
    public void Basis_NamesDepartmentCountAndPeriod()
    {
        new YellowAccumulationRule(2, 3).Basis("fire", 4, new LocalDate(2025, 10, 12)).Should().Be(
            "Red card: yellow card no. 4 of department 'fire' within 3 day(s) (2025-10-10..2025-10-12); every 2 yellow cards within that period make a red card.");
    }

    [Theory]
    [InlineData(0, 0, new string[0])]
    [InlineData(0, -5, new string[0])]
    [InlineData(2, 1, new string[0])]
    [InlineData(100, 366, new string[0])]
    [InlineData(1, 7, new[] { "Count" })]
    [InlineData(-1, 7, new[] { "Count" })]
    [InlineData(101, 7, new[] { "Count" })]
    [InlineData(2, 0, new[] { "PeriodDays" })]
    [InlineData(2, 367, new[] { "PeriodDays" })]
    [InlineData(-3, -3, new[] { "Count", "PeriodDays" })]
    public void Problems_NameTheBadSetting(int count, int periodDays, string[] settings)
    {
        new YellowAccumulationRule(count, periodDays).Problems().Select(p => p.Setting).Should().Equal(settings);
    }
}

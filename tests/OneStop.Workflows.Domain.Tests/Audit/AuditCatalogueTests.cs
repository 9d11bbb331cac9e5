using System.Reflection;
using OneStop.Workflows.Domain.Audit;
using OneStop.Workflows.Domain.Clocks;

namespace OneStop.Workflows.Domain.Tests.Audit;

/// <summary>The audit action and actor catalogues: one name per action, and the names are the stored wire names.</summary>
public class AuditCatalogueTests
{
    private static List<(string Field, string Value)> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (f.Name, (string)f.GetRawConstantValue()!))
            .ToList();

    [Fact]
    public void AuditActions_Values_AreUnique()
    {
        var values = Constants(typeof(AuditActions)).Select(c => c.Value).ToList();

        values.Should().HaveCountGreaterThan(40);
        values.Should().OnlyHaveUniqueItems("two actions under one name could not be told apart in a timeline");
    }

    [Fact]
    public void AuditActions_Values_AreTheirPascalCaseNames()
    {
        Constants(typeof(AuditActions)).Should().OnlyContain(c => c.Value == c.Field && char.IsUpper(c.Value[0]) && c.Value.Length <= 64,
            "the stored action is the constant's own name, and the column holds 64 characters");
    }

    [Fact]
    public void SystemActor_Values_AreUniqueAndNotActions()
    {
        var actors = Constants(typeof(SystemActor)).Select(c => c.Value).ToList();

        actors.Should().Contain("system").And.OnlyHaveUniqueItems();
        actors.Should().NotIntersectWith(Constants(typeof(AuditActions)).Select(c => c.Value));
    }

    [Theory]
    [InlineData(SignalLevel.Prompt, "PromptRaised")]
    [InlineData(SignalLevel.Yellow, "YellowRaised")]
    [InlineData(SignalLevel.Red, "RedRaised")]
    public void Raised_NamesTheCard_ByItsLevel(SignalLevel level, string expected) =>
        AuditActions.Raised(level).Should().Be(expected);

    [Fact]
    public void Raised_Throws_ForAnActionSignal()
    {
        var raise = () => AuditActions.Raised(SignalLevel.Action);

        raise.Should().Throw<ArgumentOutOfRangeException>();
    }
}

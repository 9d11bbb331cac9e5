using NodaTime;
using OneStop.Workflows.Domain.Catalogue;

namespace OneStop.Workflows.Domain.Tests.Catalogue;

/// <summary>Departments of issue 8: bilingual names, retirement once (history kept), code and name rules.</summary>
public class Department_Issue8Tests
{
    private static readonly Instant Now = Instant.FromUtc(2025, 9, 26, 1, 0);

    [Fact]
    public void NewDepartment_IsActive_AndShowsBothNames()
    {
        var department = new Department("audit", "审计局", "Audit office", "city");

        department.IsActive.Should().BeTrue();
        department.Name.Should().Be("审计局 Audit office");
        department.ChineseName.Should().Be("审计局");
        department.EnglishName.Should().Be("Audit office");
    }

    [Fact]
    public void Rename_ChangesBothNamesAndTheDisplayName_NotTheCode()
    {
        var department = new Department("audit", "审计局", "Audit office", "city");

        department.Rename("审计监督局", "Audit and supervision");

        department.Code.Should().Be("audit");
        department.Name.Should().Be("审计监督局 Audit and supervision");
    }

    [Fact]
    public void Retire_Once_KeepsTheDepartment_ARepeatIsRefused()
    {
        var department = new Department("audit", "审计局", "Audit office", "city");

        department.Retire(Now).Should().BeNull();
        department.IsActive.Should().BeFalse();
        department.RetiredAt.Should().Be(Now);
        department.Retire(Now + Duration.FromDays(1)).Should().Contain("already retired");
        department.RetiredAt.Should().Be(Now, "a refused retirement changes nothing");
    }

    [Theory]
    [InlineData("audit", true)]
    [InlineData("air-defence2", true)]
    [InlineData("Audit", false)]
    [InlineData("2audit", false)]
    [InlineData("a", false)]
    [InlineData("au dit", false)]
    public void CodeProblem_AllowsLowerCaseLettersDigitsAndDashes(string code, bool ok) =>
        (Department.CodeProblem(code) is null).Should().Be(ok);

    [Theory]
    [InlineData("审计局", true)]
    [InlineData(" 审计局", false)]
    [InlineData("审计\u202E局", false)]
    [InlineData("", false)]
    public void NameProblem_RefusesBlankPaddedAndControlNames(string name, bool ok) =>
        (Department.NameProblem(name) is null).Should().Be(ok);

    [Fact]
    public void NameProblem_RefusesNamesLongerThanTheLimit() =>
        Department.NameProblem(new string('审', Department.MaxNameLength + 1)).Should().Contain("at most");
}

using OneStop.Workflows.Domain.Cases;

namespace OneStop.Workflows.Domain.Tests.Cases;

/// <summary>How a list shows an applicant's name (issue 10: case search shows applicants masked).</summary>
public class ApplicantMask_Issue10Tests
{
    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张小三", "张*三")]
    [InlineData("欧阳小明", "欧**明")]
    [InlineData("Zhang San", "Z**** S**")]
    [InlineData("张三 Zhang San", "张* Z**** S**")]
    [InlineData("李四  Li", "李* L*")]
    [InlineData("𠮷野家", "𠮷*家")]
    [InlineData("X", "*")]
    public void MaskName_KeepsTheFirstCharacterOfEachWord(string name, string expected) =>
        Applicant.MaskName(name).Should().Be(expected);

    [Fact]
    public void Masked_MasksTheName_TheIdNumber_AndThePhone()
    {
        var masked = new Applicant("王五 Wang Wu", "11010519491231002X", "13800138000").Masked();

        masked.Should().Be(new Applicant("王* W*** W*", "110105********002X", "138****8000"));
    }
}

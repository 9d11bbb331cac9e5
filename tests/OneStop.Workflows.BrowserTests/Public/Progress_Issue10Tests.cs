using Microsoft.Playwright;
using OneStop.Workflows.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Public;

/// <summary>Issue 10: the applicant checks a case on a phone with the receipt's number and password (form body, no sign-in).</summary>
[Collection(UiServer.Collection)]
public sealed class Progress_Issue10Tests(UiServer server)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task TheApplicant_SeesTheCasesProgress_AndAWrongPasswordShowsNothing()
    {
        var receipt = await new CentreCases(server).AcceptedAsync(applicant: "吴申请");
        var page = await server.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "申请人查询办件进度" }).ClickAsync();

        await page.GetByLabel("办件编号").FillAsync(receipt.Number);
        await page.GetByLabel("查询密码").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("没有找到这个办件");
        page.Url.Should().NotContain("password").And.NotContain(receipt.Number, "the number and password travel in the form body");

        await page.GetByLabel("办件编号").FillAsync(receipt.Number);
        await page.GetByLabel("查询密码").FillAsync(receipt.QueryPassword!);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.GetByTestId("progress-status")).ToHaveTextAsync("审查中");
        await Expect(page.GetByTestId("progress")).ToContainTextAsync("开办餐饮店");
        (await page.Locator("main").InnerTextAsync()).Should().NotContain("吴申请", "the result shows no personal data");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "applicant-progress");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheProgressPage_InEnglish_HasNoSeriousAccessibilityViolations()
    {
        var page = await server.NewPageAsync("en", Phone);
        await page.GotoAsync("/progress");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your application");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync(); // empty: the browser's required fields stop it
        await Expect(page.GetByTestId("progress")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}

using Microsoft.Playwright;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.BrowserTests.Window;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Admin;

/// <summary>
/// Issue 10 acceptance 4, field errors (ADR 0017): a form submitted wrong shows the use case's field errors at their fields in
/// the page's language — the text for each error's code, with its values filled in — not the API's English sentence.
/// </summary>
[Collection(UiServer.Collection)]
public sealed class FieldErrors_Issue10Tests(UiServer server)
{
    private const string Restaurant = "开办餐饮店\"一件事\" Opening a restaurant";

    [Fact]
    public async Task TheStaffForm_SubmittedWrong_SaysAtEachFieldWhatIsWrong_InChinese()
    {
        var page = await server.SignedInAsync("admin");
        await page.GotoAsync("/admin/staff");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("人员管理");

        await page.GetByLabel("用户名").FillAsync("x");
        await page.GetByRole(AriaRole.Button, new() { Name = "新建账号" }).ClickAsync();

        await Expect(Field(page, "用户名")).ToContainTextAsync("长度须为 2 至 64 个字符。");
        await Expect(Field(page, "姓名")).ToContainTextAsync("此项为必填项。");
        await Expect(page.GetByLabel("用户名")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("characters");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("required");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "administrator-staff-field-errors");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheStaffForm_SubmittedWrong_SaysAtEachFieldWhatIsWrong_InEnglish()
    {
        var page = await server.SignedInAsync("admin", "en");
        await page.GotoAsync("/admin/staff");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.GetByLabel("User name").FillAsync("x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(Field(page, "User name")).ToContainTextAsync("Between 2 and 64 characters.");
        await Expect(Field(page, "Display name")).ToContainTextAsync("This field is required.");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("此项为必填项");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheNewApplication_WithoutAnApplicant_SaysSoAtTheField_InChinese_AndInEnglish()
    {
        var page = await server.SignedInAsync("clerk.market");
        await page.GotoAsync("/window/new");
        await page.ChooseAsync(Restaurant);
        await page.ChooseAsync("窗口领取");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        await Expect(Field(page, "申请人姓名或单位名称")).ToContainTextAsync("请填写申请人姓名或单位名称（最多 100 个字）。");
        await Expect(Field(page, "手机号码")).ToContainTextAsync("请填写以 1 开头的 11 位手机号码。");
        await Expect(page.GetByTestId("field-errors")).Not.ToContainTextAsync("required");
        await page.Context.CloseAsync();

        var english = await server.SignedInAsync("clerk.market", "en");
        await english.GotoAsync("/window/new");
        await english.ChooseAsync(Restaurant);
        await english.ChooseAsync("Pick up at the window");
        await english.GetByRole(AriaRole.Button, new() { Name = "Submit the application" }).ClickAsync();

        await Expect(Field(english, "Applicant's name or organisation")).ToContainTextAsync("Enter the applicant's name or organisation (at most 100 characters).");
        await english.Context.CloseAsync();
    }

    /// <summary>The form control (input, label and its helper or error text) of the field labelled <paramref name="label"/>.</summary>
    private static ILocator Field(IPage page, string label) =>
        page.Locator(".mud-input-control").Filter(new() { Has = page.GetByLabel(label, new() { Exact = true }) });
}

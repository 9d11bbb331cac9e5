using Microsoft.Playwright;
using OneStop.Workflows.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Admin;

/// <summary>Issue 10: the administrator's staff page — a new account's one-time password is shown once and must be changed at the first sign-in.</summary>
[Collection(UiServer.Collection)]
public sealed class Staff_Issue10Tests(UiServer server)
{
    [Fact]
    public async Task ANewAccount_ShowsItsOneTimePasswordOnce_AndTheUserMustChangeIt()
    {
        var userName = "staff" + AdminForms.Unique();
        var page = await server.SignedInAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "人员管理" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("人员管理");

        await page.GetByLabel("用户名").FillAsync(userName);
        await page.GetByLabel("姓名").FillAsync("测试审查员");
        await page.ChooseAsync("部门", "消防救援支队");
        await page.GetByRole(AriaRole.Button, new() { Name = "新建账号" }).ClickAsync();

        var shown = page.GetByTestId("one-time-password");
        await Expect(shown).ToBeVisibleAsync();
        var password = (await shown.InnerTextAsync()).Trim();
        password.Should().NotBeNullOrWhiteSpace();
        page.Url.Should().NotContain(password, "a one-time password never goes into an address");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("只显示这一次");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "administrator-staff-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "已记下，关闭" }).ClickAsync();
        await Expect(shown).ToHaveCountAsync(0);
        (await page.ContentAsync()).Should().NotContain(password, "the password is shown once, then gone from the page");

        await page.ChooseAsync("按部门", "消防救援支队");
        var row = page.Locator($"tr[data-user='{userName}']");
        await Expect(row).ToContainTextAsync("审查人员");
        await Expect(row.GetByTestId("user-state")).ToHaveTextAsync("启用（待改密码）");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "administrator-staff");

        // The new user, in their own browser: the one-time password signs in, straight to the forced password change.
        var user = await server.NewPageAsync();
        await user.GotoAsync("/sign-in");
        await SignInForm.FillAsync(user, userName, password);
        await user.WaitForURLAsync(url => url.Contains("/account/password", StringComparison.Ordinal));
        await Expect(user.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await user.Context.CloseAsync();

        // Disabling is confirmed first; then the list says so.
        await row.GetByRole(AriaRole.Button, new() { Name = $"停用 {userName}" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Expect(row.GetByTestId("user-state")).ToHaveTextAsync("已停用（待改密码）");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdministrator_CannotDisableTheirOwnAccount_AndSeesWhy()
    {
        var page = await server.SignedInAsync("admin");
        await page.GotoAsync("/admin/staff");
        await page.ChooseAsync("按角色", "系统管理员");
        // The filtered list first: it moves the admin row up, and a click aimed before the move lands beside the button (seen in a full run).
        await Expect(page.Locator("tr[data-user]").Filter(new() { HasNotText = "系统管理员" })).ToHaveCountAsync(0);
        var row = page.Locator("tr[data-user='admin']");
        await row.GetByRole(AriaRole.Button, new() { Name = "停用 admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "停用" }).ClickAsync();
        await Expect(page.GetByTestId("refusal")).ToContainTextAsync("不能对自己的账号执行此操作");
        await Expect(row.GetByTestId("user-state")).ToHaveTextAsync("启用");
        await page.Context.CloseAsync();
    }
}

using Microsoft.Playwright;
using OneStop.Workflows.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Admin;

/// <summary>Issue 10: the administration home links the administrator's pages, /hangfire and the designer, and the clock on a simulated clock.</summary>
[Collection(UiServer.Collection)]
public sealed class AdminHome_Issue10Tests(UiServer server)
{
    [Fact]
    public async Task TheHome_LinksThePages_TheJobDashboard_TheDesigner_AndTheSimulatedClock()
    {
        var page = await server.SignedInAsync("admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "系统管理" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("系统管理");
        var links = page.GetByTestId("admin-links");
        await Expect(links.GetByRole(AriaRole.Link, new() { Name = "后台任务面板" })).ToHaveAttributeAsync("href", "/hangfire");
        await Expect(links.GetByRole(AriaRole.Link, new() { Name = "流程设计器" })).ToHaveAttributeAsync("href", "/designer");
        await Expect(links.GetByRole(AriaRole.Link, new() { Name = "模拟时钟" })).ToHaveAttributeAsync("href", "/admin/clock"); // the test server's clock is simulated
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "administrator-home");

        await links.GetByRole(AriaRole.Link, new() { Name = "人员管理" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("人员管理");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnotherRole_IsRefusedOnTheAdministratorsPages()
    {
        var page = await server.SignedInAsync("clerk.market");
        await page.GotoAsync("/admin/staff");
        await Expect(page.GetByTestId("refusal")).ToContainTextAsync("无权");
        await Expect(page.Locator("tr[data-user]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}

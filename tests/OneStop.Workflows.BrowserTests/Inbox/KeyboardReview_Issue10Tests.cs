using Microsoft.Playwright;
using OneStop.Workflows.Application;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.People;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Inbox;

/// <summary>Issue 10, acceptance 3: a reviewer claims and decides a review with the keyboard only (Tab, Space, Enter, typing).</summary>
[Collection(UiServer.Collection)]
public sealed class KeyboardReview_Issue10Tests(UiServer server)
{
    [Fact]
    public async Task AReviewer_ClaimsAndApproves_WithTheKeyboardOnly()
    {
        var cases = new CentreCases(server);
        var receipt = await cases.AcceptedAsync(applicant: "钱键盘");
        var task = await cases.OpenTaskAsync(receipt.Id, new Actor("reviewer.water", Role.Reviewer, "water"));
        var page = await server.SignedInAsync("reviewer.water");
        await page.GotoAsync(Server.Ui.UiRoutes.TaskOf(task.Id));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "认领此任务" })).ToBeVisibleAsync();

        await page.TabToAsync("认领此任务");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "同意", Exact = true })).ToBeVisibleAsync();
        await page.TabToAsync("同意");
        await page.Keyboard.PressAsync("Space");
        await page.TabToAsync("审查意见");
        await page.Keyboard.TypeAsync("供水接驳方案可行。");
        await page.TabToAsync("提交办理意见");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("task-status")).ToHaveTextAsync("已办结");
        await Expect(page.GetByText("供水接驳方案可行。")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}

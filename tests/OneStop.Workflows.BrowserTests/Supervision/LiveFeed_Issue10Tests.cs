using Microsoft.Playwright;
using OneStop.Workflows.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Supervision;

/// <summary>Issue 10: a card raised by the sweep appears on the supervisor's open page without a reload, and is acknowledged there.</summary>
[Collection(UiServer.Collection)]
public sealed class LiveFeed_Issue10Tests(UiServer server)
{
    [Fact]
    public async Task AYellowCard_AppearsLive_WithTheBadgeCount_AndIsAcknowledged()
    {
        var receipt = await new CentreCases(server).AcceptedAsync(applicant: "周监察");
        var page = await server.SignedInAsync("supervisor");
        await page.GetByRole(AriaRole.Link, new() { Name = "实时预警" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("实时预警");
        var badge = page.GetByTestId("alert-badge");
        await Expect(badge).ToBeVisibleAsync();
        var before = await badge.GetAttributeAsync("aria-label");
        var yellow = page.Locator($"tr[data-case-number='{receipt.Number}'][data-level='Yellow']");
        await Expect(yellow).ToHaveCountAsync(0);

        // The administrator, in another browser, moves the simulated clock thirty days on: the reviews are overdue, and the
        // sweep that follows the move raises their cards while the supervisor's page stays as it is.
        var admin = await server.SignedInAsync("admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "模拟时钟" }).ClickAsync();
        await admin.GetByLabel("小时数").FillAsync("720");
        await admin.GetByRole(AriaRole.Button, new() { Name = "拨快" }).ClickAsync();
        await Expect(admin.GetByTestId("clock-moved")).ToContainTextAsync("已拨到");
        await admin.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(admin, "administrator-simulated-clock");
        await admin.Context.CloseAsync();

        await Expect(yellow.First).ToBeVisibleAsync(new() { Timeout = 20_000 }); // no reload, no navigation
        (await badge.GetAttributeAsync("aria-label")).Should().NotBe(before, "the badge counts the new alerts");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "supervisor-live-feed");

        // Acknowledged with the keyboard only (acceptance 3): Tab to the row's button, Enter.
        await page.TabToAsync($"确认办件 {receipt.Number} 的黄牌");
        await page.Keyboard.PressAsync("Enter");
        await Expect(yellow.Filter(new() { HasText = "supervisor" })).ToHaveCountAsync(1);

        // The cards board counts the same cards, by department and by service item.
        await page.GetByRole(AriaRole.Link, new() { Name = "亮牌看板" }).ClickAsync();
        await Expect(page.Locator("tr[data-key='fire']")).ToContainTextAsync("消防");
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "supervisor-board");
        await page.GetByText("按事项", new() { Exact = true }).ClickAsync();
        await Expect(page.Locator("tr[data-key='restaurant-opening']")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}

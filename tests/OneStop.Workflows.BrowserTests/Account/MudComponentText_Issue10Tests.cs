using Microsoft.Playwright;
using OneStop.Workflows.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Account;

/// <summary>
/// Issue 10 (every page in Chinese and in English): the texts MudBlazor draws itself — a number field's spin buttons,
/// here on the simulated clock's hours — follow the page's language, not only ours.
/// </summary>
[Collection(UiServer.Collection)]
public sealed class MudComponentText_Issue10Tests(UiServer server)
{
    [Theory]
    [InlineData("zh-CN", "增加", "减少")]
    [InlineData("en", "Increment", "Decrement")]
    public async Task ANumberFieldsSpinButtons_AreLabelledInThePagesLanguage(string culture, string up, string down)
    {
        var page = await server.SignedInAsync("admin", culture);
        await page.GotoAsync("/admin/clock");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = up, Exact = true }).First).ToBeAttachedAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = down, Exact = true }).First).ToBeAttachedAsync();
        await page.Context.CloseAsync();
    }
}

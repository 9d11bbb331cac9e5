using Microsoft.Playwright;

namespace OneStop.Workflows.BrowserTests.Admin;

/// <summary>The administrator pages' choices, made as a person makes them: open the select by its label, click the option.</summary>
public static class AdminForms
{
    /// <summary>Chooses <paramref name="option"/> in the select labelled <paramref name="label"/> (the first on the page).</summary>
    public static async Task ChooseAsync(this IPage page, string label, string option)
    {
        await page.Locator(".mud-select").Filter(new() { Has = page.GetByText(label, new() { Exact = true }) }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = option }).First.ClickAsync();
    }

    /// <summary>
    /// Closes the open list of a multi-select (it stays open after a choice) and waits until it is gone: an open list covers
    /// the page, and a click meant for a button below lands on it (seen in a full run). Escape again if the first one came too early.
    /// </summary>
    public static async Task CloseChoicesAsync(this IPage page)
    {
        var open = page.Locator(".mud-popover-open").First;
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync("Escape");
            try
            {
                await open.WaitForAsync(new() { State = WaitForSelectorState.Hidden, Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>A short unique suffix for names on the shared server.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..6];
}

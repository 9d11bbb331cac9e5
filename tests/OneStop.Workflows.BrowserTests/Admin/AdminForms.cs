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

    /// <summary>A short unique suffix for names on the shared server.</summary>
    public static string Unique() => Guid.NewGuid().ToString("N")[..6];
}

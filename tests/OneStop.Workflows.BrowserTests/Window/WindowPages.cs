using Microsoft.Playwright;
using OneStop.Workflows.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Window;

/// <summary>What the window's browser tests do on a page, the way a person does it (choose a radio, wait for a still page).</summary>
internal static class WindowPages
{
    /// <summary>window.print() replaced before any page script runs: a test sees a Print button call it (and no dialog opens).</summary>
    public const string CountPrints = "window.__prints = 0; window.print = () => { window.__prints++; };";

    /// <summary>Selects the radio button named <paramref name="name"/> by its label, as a person clicks it.</summary>
    public static async Task ChooseAsync(this IPage page, string name)
    {
        var radio = page.GetByRole(AriaRole.Radio, new() { Name = name, Exact = true });
        await radio.CheckAsync(new() { Force = true });
        await Expect(radio).ToBeCheckedAsync();
    }

    /// <summary>How many times the page called window.print() (see <see cref="CountPrints"/>).</summary>
    public static Task<int> PrintsAsync(this IPage page) => page.EvaluateAsync<int>("() => window.__prints ?? 0");

    /// <summary>Waits until the page has called window.print() <paramref name="count"/> times (the click reaches the circuit, which calls it).</summary>
    public static Task WaitForPrintsAsync(this IPage page, int count) =>
        page.WaitForFunctionAsync("n => window.__prints === n", count);

    /// <summary>axe once the page is still: colours are measured after MudBlazor's transitions have ended.</summary>
    public static async Task AxeAsync(this IPage page)
    {
        await page.SettledAsync();
        await page.ShouldHaveNoSeriousViolationsAsync();
    }

    /// <summary>Waits for the page's finite CSS transitions and animations to end (the browser's own promises, not a timer).</summary>
    public static Task SettledAsync(this IPage page) =>
        page.EvaluateAsync("() => Promise.all(document.getAnimations().filter(a => a.effect?.getComputedTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))");

    /// <summary>A guide's screenshot from the top of the page, once it is still.</summary>
    public static async Task ShotAsync(this IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.SettledAsync();
        await Screens.SaveAsync(page, name);
    }
}

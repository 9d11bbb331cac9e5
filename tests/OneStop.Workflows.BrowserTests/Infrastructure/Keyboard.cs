using Microsoft.Playwright;

namespace OneStop.Workflows.BrowserTests.Infrastructure;

/// <summary>Keyboard-only use of a page: Tab to a control by its label or text, as someone without a mouse does.</summary>
public static class Keyboard
{
    private const string ActiveName =
        "(() => { const e = document.activeElement; if (!e) return ''; " +
        "return (e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].innerText) || (e.closest('label') && e.closest('label').innerText) || e.innerText || '').trim(); })()";

    /// <summary>Presses Tab until the focused control's name is <paramref name="name"/> (at most 80 presses).</summary>
    public static async Task TabToAsync(this IPage page, string name)
    {
        var seen = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var current = await page.EvaluateAsync<string>(ActiveName);
            if (current == name)
            {
                return;
            }

            seen.Add(current);
        }

        throw new InvalidOperationException($"Tab never reached '{name}'; it went through: {string.Join(" | ", seen.Distinct())}");
    }
}

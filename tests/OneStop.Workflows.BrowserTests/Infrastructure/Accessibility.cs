using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OneStop.Workflows.BrowserTests.Infrastructure;

/// <summary>axe-core over a page: no violation of impact serious or critical (issue 10, acceptance 3).</summary>
public static class Accessibility
{
    public static async Task ShouldHaveNoSeriousViolationsAsync(this IPage page)
    {
        // A control fading in (MudBlazor's transitions) is measured at its half-transparent colours: wait until nothing moves.
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        serious.Should().BeEmpty(because: "axe found on {0}:\n{1}", page.Url, string.Join("\n", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Impact} {v.Id}: {v.Help} — " + string.Join(" | ", v.Nodes.Take(5).Select(n => string.Join(" ", n.Target?.ToString() ?? "", n.Html)));
}

using Microsoft.Playwright;

namespace OneStop.Workflows.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots for the user guides: written only when <c>ONESTOP_SCREENSHOTS</c> names a folder, e.g.
/// <c>ONESTOP_SCREENSHOTS=docs/images dotnet test tests/OneStop.Workflows.BrowserTests</c> (relative to the repository).
/// </summary>
public static class Screens
{
    public const string Variable = "ONESTOP_SCREENSHOTS";

    public static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } folder)
        {
            return;
        }

        var target = Path.IsPathRooted(folder) ? folder : Path.Combine(Testing.RepositoryFolders.Root, folder);
        Directory.CreateDirectory(target);
        // A full-page capture of a page taller than the window scrolls it, and the fixed app bar is then drawn where the
        // window was scrolled to (mid-image). Growing the window to the page's height first keeps the bar at the top.
        var viewport = page.ViewportSize;
        var height = await page.EvaluateAsync<int>("() => Math.ceil(document.documentElement.scrollHeight)");
        if (viewport is not null && height > viewport.Height)
        {
            await page.SetViewportSizeAsync(viewport.Width, Math.Min(height, 8000));
        }

        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(target, name + ".png") });
        }
        finally
        {
            if (viewport is not null && height > viewport.Height)
            {
                await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            }
        }
    }
}

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
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(target, name + ".png"), FullPage = true });
    }
}

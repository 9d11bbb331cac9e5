using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Server.Features.Designer;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests;

/// <summary>
/// Issue 11: a designer opens the real Elsa Studio at /designer, finds restaurant-opening in its list, and opens it: the canvas shows
/// the fork's four department reviews and the toolbox the Approval category — with no failed call to this server on the way.
/// The Studio is third-party markup (its own chrome, English only), so axe is not run on it.
/// </summary>
[Collection(UiServer.Collection)]
public sealed class Designer_Issue11Tests(UiServer server, Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>The first load fetches the whole Blazor WebAssembly app (tens of megabytes from the package folder).</summary>
    private const float StudioLoad = 90_000;

    [Fact]
    public async Task ADesigner_OpensRestaurantOpeningInTheStudio_AndSeesTheFourReviewsAndTheApprovalToolbox()
    {
        var package = server.Services.GetRequiredService<StudioPackage>();
        package.IsInstalled.Should().BeTrue(
            $"the Elsa Studio package {StudioPackage.Name} {StudioPackage.Version} must be installed in src/OneStop.Workflows.Server/{StudioPackage.RelativeFolder}: " +
            "install npm (Debian: apt-get install nodejs npm) and build the server again, which runs npm ci there");
        // A wide screen, as designers work: the whole flow fits on the canvas beside the toolbox and the properties.
        var page = await server.NewPageAsync(viewport: new ViewportSize { Width = 1920, Height = 1000 });
        await page.GotoAsync("/sign-in");
        await SignInForm.FillAsync(page, "designer", UiServer.DemoPassword);
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        var failures = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                failures.Add("console: " + message.Text);
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failures.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };

        try
        {
            await OpenRestaurantOpeningAsync(page);
        }
        finally
        {
            // What the Studio met on the way, shown with any failure.
            failures.ForEach(output.WriteLine);
        }

        failures.Should().BeEmpty("no call of the Studio to this server fails");
        await page.Context.CloseAsync();
    }

    private static async Task OpenRestaurantOpeningAsync(IPage page)
    {
        await page.GotoAsync("/designer");
        var row = page.GetByText("restaurant-opening").Or(page.GetByText("开办餐饮店")).First;
        await Expect(row).ToBeVisibleAsync(new() { Timeout = StudioLoad });
        await Screens.SaveAsync(page, "designer-list");
        await row.ClickAsync();
        await page.WaitForURLAsync("**/designer/editor/restaurant-opening", new() { Timeout = 30_000 });

        var reviews = page.Locator(".x6-node").Filter(new() { HasText = "部门审查" });
        await Expect(reviews).ToHaveCountAsync(4, new() { Timeout = StudioLoad });
        await Expect(page.GetByText("Approval", new() { Exact = true }).First).ToBeVisibleAsync();
        await Screens.SaveAsync(page, "designer-editor");
    }
}

using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Instances;
using OneStop.Workflows.Application.Tasks;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Server.Features.Designer;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests;

/// <summary>
/// Issue 11 acceptance 3: a running case (company establishment: accepted, the police review approved, four reviews still waiting) shows
/// in the real Elsa Studio's instance list; its viewer draws badges on the completed and the waiting activities and lists the journal
/// with timestamps — for a designer and, view only, for the supervisor — with no call to this server failing on the way. The Studio is
/// third-party markup (its own chrome, English only), so axe is not run on it.
/// </summary>
[Collection(UiServer.Collection)]
public sealed partial class DesignerInstances_Issue11Tests(UiServer server, Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>The first load fetches the whole Blazor WebAssembly app (tens of megabytes from the package folder).</summary>
    private const float StudioLoad = 90_000;

    private static readonly Actor Police = new("reviewer.police", Role.Reviewer, "police");

    [Theory]
    [InlineData("designer")]
    [InlineData("supervisor")]
    public async Task ARunningCase_ShowsInTheInstanceViewer_WithBadgesAndItsJournal(string userName)
    {
        server.Services.GetRequiredService<StudioPackage>().IsInstalled.Should().BeTrue(
            $"the Elsa Studio package {StudioPackage.Name} {StudioPackage.Version} must be installed (npm ci at build)");
        var (number, instanceId) = await RunningCaseAsync();
        var page = await server.NewPageAsync(viewport: new ViewportSize { Width = 1920, Height = 1000 });
        await page.GotoAsync("/sign-in");
        await SignInForm.FillAsync(page, userName, UiServer.DemoPassword);
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        var failures = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                failures.Add($"{response.Status} {response.Request.Method} {response.Url}");
            }
        };

        try
        {
            // The list: the newest first, the case's number in its Name column; the Studio's search finds it by the case number.
            await page.GotoAsync("/designer/instances?search=" + Uri.EscapeDataString(number));
            var row = page.Locator("tr").Filter(new() { HasText = number });
            await Expect(row).ToHaveCountAsync(1, new() { Timeout = StudioLoad });
            await Expect(row).ToContainTextAsync("Suspended");
            await row.ClickAsync();
            await page.WaitForURLAsync($"**/designer/instances/{instanceId}", new() { Timeout = 30_000 });

            // The canvas: completed activities (start, acceptance, fork, the police review) carry a success badge; the four
            // waiting reviews a warning badge (blocked on their tasks).
            await Expect(page.Locator(".x6-node .mud-badge.mud-theme-warning")).ToHaveCountAsync(4, new() { Timeout = StudioLoad });
            await Expect(page.Locator(".x6-node .mud-badge.mud-theme-success").Nth(3)).ToBeAttachedAsync(new() { Timeout = StudioLoad });
            var reviews = page.Locator(".x6-node").Filter(new() { HasText = "部门审查" });
            await Expect(reviews).ToHaveCountAsync(5);
            await Expect(reviews.Locator(".mud-badge.mud-theme-warning")).ToHaveCountAsync(4);
            await Expect(reviews.Locator(".mud-badge.mud-theme-success")).ToHaveCountAsync(1, new() { Timeout = 5_000 });

            // The journal: entries with their event and a timestamp.
            var entries = page.Locator(".mud-timeline-item");
            await Expect(entries.Filter(new() { HasText = "Completed" }).First).ToBeVisibleAsync();
            await Expect(entries.Filter(new() { HasText = "Suspended" }).First).ToBeVisibleAsync();
            await Expect(entries.First.Locator(".mud-timeline-item-opposite")).ToHaveTextAsync(Clock());
            if (userName == "designer" && Environment.GetEnvironmentVariable(Screens.Variable) is { Length: > 0 })
            {
                // For the guide: the whole flow on the canvas (the canvas toolbar's first button, "Zoom to fit").
                await page.Locator(".mud-tooltip-root > button:visible").First.ClickAsync();
                await page.Mouse.MoveAsync(1700, 950);
                await Expect(page.GetByText("Zoom to fit the screen")).ToBeHiddenAsync();
                await Screens.SaveAsync(page, "designer-instance");
            }
        }
        finally
        {
            failures.ForEach(output.WriteLine);
        }

        failures.Should().BeEmpty("no call of the Studio to this server fails (a 404 on activity-executions/by-id would break the page)");
        await page.Context.CloseAsync();
    }

    /// <summary>A company establishment case accepted by the market window, its police review approved; its number and instance id.</summary>
    private async Task<(string Number, string InstanceId)> RunningCaseAsync()
    {
        var cases = new CentreCases(server);
        var receipt = await cases.AcceptedAsync("company-establishment", "赵设立");
        var review = await cases.OpenTaskAsync(receipt.Id, Police);
        await RunAsync<ClaimTask, Application.Cases.TaskView>(uc => uc.ExecuteAsync(new ClaimTask.Command(review.Id), Police, default));
        await RunAsync<DecideTask, Application.Cases.TaskView>(uc => uc.ExecuteAsync(
            new DecideTask.Command(review.Id, "Approved", "公安：无异议 No objection", null, Guid.NewGuid().ToString("N")), Police, default));
        var designer = new Actor("designer", Role.Designer, null);
        var found = await RunAsync<ListStudioInstances, Page<StudioInstanceSummary>>(uc => uc.ExecuteAsync(
            new ListStudioInstances.Query(0, 10, receipt.Number, [], null, [], [], null, StudioInstanceOrder.Created, null), designer, default));
        return (receipt.Number, found.Items.Single().Id);
    }

    private async Task<T> RunAsync<TUseCase, T>(Func<TUseCase, Task<Result<T>>> call) where TUseCase : notnull
    {
        await using var scope = server.Services.CreateAsyncScope();
        var result = await call(scope.ServiceProvider.GetRequiredService<TUseCase>());
        return result.Value ?? throw new InvalidOperationException($"{typeof(TUseCase).Name} refused: {result.Refusal}");
    }

    /// <summary>A time of day in the entry's timestamp (the Studio formats it in the browser's culture).</summary>
    [GeneratedRegex(@"\d{1,2}:\d{2}")]
    private static partial Regex Clock();
}

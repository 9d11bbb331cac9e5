using Microsoft.Playwright;
using OneStop.Workflows.Application;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Server.Ui;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests;

/// <summary>
/// Issue 10, acceptance 3 and 4: every page of <see cref="UiRoutes.Pages"/>, in Chinese and in English, opened by the user
/// it is for, has no serious or critical axe violation and says its language. A page added to the server without a row
/// here fails <see cref="EveryPage_HasAVisitor"/>.
/// </summary>
[Collection(UiServer.Collection)]
public sealed class Accessibility_Issue10Tests(UiServer server)
{
    /// <summary>Who opens each page (null: nobody signed in), and the address (with a real task or case where it takes one).</summary>
    private static readonly Dictionary<string, (string? User, Func<Ids, string> Url)> Visitors = new()
    {
        [UiRoutes.Home] = ("clerk.market", _ => "/"),
        [UiRoutes.SignIn] = (null, _ => "/sign-in"),
        [UiRoutes.ChangePassword] = ("clerk.market", _ => "/account/password"),
        [UiRoutes.Refused] = (null, _ => "/refused"),
        [UiRoutes.NotFound] = (null, _ => "/not-found"),
        [UiRoutes.Progress] = (null, _ => "/progress"),
        [UiRoutes.Inbox] = ("reviewer.fire", _ => "/inbox"),
        [UiRoutes.Task] = ("reviewer.fire", ids => UiRoutes.TaskOf(ids.FireTask)),
        [UiRoutes.Case] = ("reviewer.fire", ids => UiRoutes.CaseOf(ids.Case)),
        [UiRoutes.LiveFeed] = ("supervisor", _ => "/supervision/alerts"),
        [UiRoutes.Board] = ("supervisor", _ => "/supervision/board"),
        [UiRoutes.SimulatedClock] = ("admin", _ => "/admin/clock"),
        [UiRoutes.WindowNewApplication] = ("clerk.market", _ => "/window/new"),
        [UiRoutes.WindowDesk] = ("clerk.market", _ => "/window/desk"),
        // issue 10: administrator pages
        [UiRoutes.Admin] = ("admin", _ => "/admin"),
        [UiRoutes.AdminStaff] = ("admin", _ => "/admin/staff"),
        [UiRoutes.AdminDepartments] = ("admin", _ => "/admin/departments"),
        [UiRoutes.AdminCalendar] = ("admin", _ => "/admin/calendar"),
        [UiRoutes.AdminServiceItems] = ("admin", _ => "/admin/service-items"),
        [UiRoutes.AdminServiceItem] = ("admin", _ => UiRoutes.ServiceItemOf("restaurant-opening")),
        // issue 10: supervision
        [UiRoutes.Signals] = ("supervisor", _ => "/supervision/signals"),
        [UiRoutes.Figures] = ("supervisor", _ => "/supervision/figures"),
        // issue 10: window
        [UiRoutes.WindowCase] = ("clerk.market", ids => UiRoutes.WindowCaseOf(ids.Case)),
        [UiRoutes.WindowSearch] = ("clerk.market", _ => "/window/search"),
    };

    [Fact]
    public void EveryPage_HasAVisitor() => Visitors.Keys.Should().BeEquivalentTo(UiRoutes.Pages);

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task EveryPage_InEachLanguage_HasNoSeriousOrCriticalViolation(string culture)
    {
        var receipt = await new CentreCases(server).AcceptedAsync(applicant: "郑无障碍");
        var fireTask = await new CentreCases(server).OpenTaskAsync(receipt.Id, new Actor("reviewer.fire", Role.Reviewer, "fire"));
        var ids = new Ids(receipt.Id, fireTask.Id);
        var pages = new Dictionary<string, IPage>();
        foreach (var (route, (user, url)) in Visitors)
        {
            var key = user ?? "";
            if (!pages.TryGetValue(key, out var page))
            {
                page = user is null ? await server.NewPageAsync(culture) : await server.SignedInAsync(user, culture);
                pages[key] = page;
            }

            await page.GotoAsync(url(ids));
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
            await page.ShouldHaveNoSeriousViolationsAsync();
            (await page.TitleAsync()).Should().NotBeNullOrWhiteSpace(route);
        }

        foreach (var page in pages.Values)
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>A case and its fire review, for the pages that show one.</summary>
    private sealed record Ids(string Case, string FireTask);
}

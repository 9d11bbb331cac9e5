using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Workflows.Application;
using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.BrowserTests.Infrastructure;
using OneStop.Workflows.Domain.People;
using static Microsoft.Playwright.Assertions;

namespace OneStop.Workflows.BrowserTests.Account;

/// <summary>Issue 10: signing in and out of the web UI, the forced password change, the language switch, no redirect loop.</summary>
[Collection(UiServer.Collection)]
public sealed class SignIn_Issue10Tests(UiServer server)
{
    [Fact]
    public async Task AnAnonymousPage_IsOneRedirectToSignIn_ThenSigningInLandsOnIt()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(server.BaseUrl) };
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var first = await http.GetAsync("/not-a-page-yet?x=1");
        first.StatusCode.Should().Be(HttpStatusCode.NotFound, "an unknown path is not a redirect");
        var page = await http.GetAsync("/");
        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().Should().EndWith("/sign-in");
        (await http.GetAsync("/sign-in")).StatusCode.Should().Be(HttpStatusCode.OK, "the sign-in page is not itself protected (no loop)");
        var api = await http.GetAsync("/api/cases");
        api.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the API answers 401, never a redirect");

        var browser = await server.NewPageAsync();
        await browser.GotoAsync("/?from=bookmark");
        await Expect(browser).ToHaveURLAsync(new Regex("/sign-in\\?returnUrl=%2F%3Ffrom%3Dbookmark$"));
        await SignInForm.FillAsync(browser, "clerk.market", UiServer.DemoPassword);
        await Expect(browser).ToHaveURLAsync(new Regex("/\\?from=bookmark$"), new() { Timeout = 20_000 });
        await Expect(browser.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("您好");
        await browser.Context.CloseAsync();
    }

    [Fact]
    public async Task SigningIn_WorksWithTheKeyboardOnly()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.Keyboard.TypeAsync("head.fire"); // the user name has the focus when the page opens
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(UiServer.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("您好", new() { Timeout = 20_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AWrongPassword_SaysSo_AndSignsNobodyIn()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await SignInForm.FillAsync(page, "clerk.market", "not-the-password");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("用户名或密码错误");
        (await page.Context.CookiesAsync()).Should().NotContain(c => c.Name == "OneStop.Auth");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheHomePage_GreetsTheUser_InChineseAndInEnglish_AndSignOutEndsTheSession()
    {
        var page = await server.SignedInAsync("reviewer.fire");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("您好");
        await Expect(page.GetByText("审查人员").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("desk-Unassigned")).ToContainTextAsync("本部门未认领"); // the reviewer's own work first
        await page.ShouldHaveNoSeriousViolationsAsync();
        await Screens.SaveAsync(page, "everyone-home");

        await page.GetByTestId("culture-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hello");
        await page.ShouldHaveNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in$"));
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in$"), new() { Timeout = 20_000 });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ANewUser_MustSetAPassword_BeforeAnyPage_ThenWorksSignedIn()
    {
        var userName = "clerk.new" + Guid.NewGuid().ToString("N")[..6];
        await using var scope = server.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<CreateUser>().ExecuteAsync(
            new CreateUser.Command(userName, "新窗口人员 New clerk", nameof(Role.WindowClerk), "market"),
            new Actor("admin", Role.Administrator, null), CancellationToken.None);
        var oneTime = created.Value!.OneTimePassword;

        var page = await server.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await SignInForm.FillAsync(page, userName, oneTime);
        await Expect(page).ToHaveURLAsync(new Regex("/account/password$"));
        await page.ShouldHaveNoSeriousViolationsAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/password$"), new() { Timeout = 20_000 });

        await page.GetByLabel("当前密码（或一次性密码）").FillAsync(oneTime);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(userName + "-2026");
        await page.GetByLabel("再次输入新密码").FillAsync(userName + "-2026"); // long enough for the browser, but contains the user name
        await page.GetByRole(AriaRole.Button, new() { Name = "保存新密码" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("密码不能包含用户名。"); // the rule it broke, not a generic text (ADR 0017)

        const string chosen = "Window-desk-2026";
        await page.GetByLabel("当前密码（或一次性密码）").FillAsync(oneTime);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(chosen);
        await page.GetByLabel("再次输入新密码").FillAsync(chosen);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存新密码" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("您好", new() { Timeout = 20_000 });
        await page.Context.CloseAsync();

        var again = await server.SignedInAsync(userName, password: chosen);
        await Expect(again.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("新窗口人员");
        await again.Context.CloseAsync();
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task TheAccountPages_HaveNoSeriousAccessibilityViolations(string culture)
    {
        var page = await server.NewPageAsync(culture);
        foreach (var path in new[] { "/sign-in", "/sign-in?error=failed", "/refused", "/not-found" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
            await page.ShouldHaveNoSeriousViolationsAsync();
        }

        await Screens.SaveAsync(page, culture == "en" ? "everyone-not-found-en" : "everyone-not-found");
        await page.GotoAsync("/sign-in");
        await Screens.SaveAsync(page, culture == "en" ? "everyone-sign-in-en" : "everyone-sign-in");
        await page.Context.CloseAsync();
    }
}

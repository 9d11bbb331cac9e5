using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using OneStop.Workflows.IntegrationTests.Api;

namespace OneStop.Workflows.IntegrationTests.Ui;

/// <summary>
/// Issue 10, acceptance 7: the embedded default (SQLite, demo centre) serves the web UI at <c>/</c>: a page sends the
/// browser to sign-in once, the sign-in form signs a demo user in, and the pages, styles and Blazor's script answer.
/// The browser tests (PostgreSQL) click through the same pages.
/// </summary>
public sealed partial class WebUiOnSqlite_Issue10Tests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("onestop-ui-").FullName;

    [Fact]
    public async Task TheHomePage_SendsToSignIn_AndTheSignInForm_SignsADemoUserIn()
    {
        await using var factory = new OneStopApiFactory("Sqlite", $"Data Source={Path.Combine(_folder, "ui.db")}");
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var home = await browser.GetAsync("/");
        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.Headers.Location!.OriginalString.Should().EndWith("/sign-in");
        var signIn = await browser.GetStringAsync("/sign-in");
        signIn.Should().Contain("<html lang=\"zh-CN\"").And.Contain("name=\"userName\"");
        var styles = StyleSheets().Matches(signIn).Select(m => m.Groups[1].Value).ToList();
        styles.Should().HaveCount(2);
        foreach (var href in styles.Append(Script().Match(signIn).Groups[1].Value))
        {
            (await browser.GetAsync("/" + href)).StatusCode.Should().Be(HttpStatusCode.OK, href);
        }

        var posted = await browser.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(signIn).Groups[1].Value,
            ["userName"] = "clerk.market",
            ["password"] = "Demo123!",
            ["returnUrl"] = "/",
        }));
        posted.StatusCode.Should().Be(HttpStatusCode.SeeOther);
        posted.Headers.Location!.OriginalString.Should().Be("/");

        var signedIn = await browser.GetAsync("/");
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK);
        signedIn.Headers.CacheControl!.NoStore.Should().BeTrue("pages may show personal data");
        (await signedIn.Content.ReadAsStringAsync()).Should().Contain("_framework/blazor.web");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StyleSheets();

    [GeneratedRegex("<script src=\"(_framework/[^\"]+)\"")]
    private static partial Regex Script();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

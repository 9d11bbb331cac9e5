using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OneStop.Workflows.Testing.Postgres;

namespace OneStop.Workflows.BrowserTests.Infrastructure;

/// <summary>
/// The assembly's one server (<see cref="UiServerFactory"/> on a throwaway PostgreSQL) and one headless Chromium. Each
/// test opens its own browser contexts (one per person) and makes its own cases, so tests do not depend on each other.
/// </summary>
public sealed class UiServer : IAsyncLifetime
{
    public const string Collection = "ui";

    /// <summary>The demo users' password (README, "Demo users").</summary>
    public const string DemoPassword = "Demo123!";

    private PostgresServer? _postgres;
    private UiServerFactory? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        _factory = new UiServerFactory(await _postgres.CreateDatabaseAsync());
        _factory.UseKestrel(0);
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = address.Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        // --lang: native date fields take their format from the browser's language, not the context's locale (a machine
        // without a Chinese locale would show mm/dd/yyyy on the Chinese pages); the pages themselves follow each context.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = SystemChromium.ExecutablePath(), Headless = true, Args = ["--lang=zh-CN"] });
    }

    /// <summary>A new browser context (its own cookies: one person) in <paramref name="culture"/> (zh-CN or en).</summary>
    public async Task<IPage> NewPageAsync(string culture = "zh-CN", ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = culture,
            ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        if (culture == "en")
        {
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = BaseUrl }]);
        }

        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as <paramref name="userName"/> through the sign-in form, on the home page.</summary>
    public async Task<IPage> SignedInAsync(string userName, string culture = "zh-CN", string password = DemoPassword)
    {
        var page = await NewPageAsync(culture);
        await page.GotoAsync("/sign-in");
        await SignInForm.FillAsync(page, userName, password);
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

[CollectionDefinition(UiServer.Collection)]
public sealed class UiCollection : ICollectionFixture<UiServer>;

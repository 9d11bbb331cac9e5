using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Localization;
using MudBlazor;
using MudBlazor.Services;
using OneStop.Workflows.Server.Ui.Account;
using OneStop.Workflows.Server.Ui.Shared;

namespace OneStop.Workflows.Server.Ui;

/// <summary>
/// The web UI (docs/adr/0008-web-ui.md): Blazor with interactive server rendering and MudBlazor, served by this
/// server at <c>/</c>. Pages call the application's use cases in process through <see cref="UseCaseRunner"/>.
/// </summary>
public static class UiSetup
{
    /// <summary>The render mode of every interactive page: server circuits, not prerendered (a read runs once, a refusal is shown once).</summary>
    public static readonly IComponentRenderMode Interactive = new InteractiveServerRenderMode(prerender: false);

    public static WebApplicationBuilder AddOneStopUi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // No development-time catch-all for files missing from the build's manifest: it would answer every unknown GET
        // (turning the API's 405 "wrong method" into 404), and a file not in the manifest is not served in production either.
        builder.Configuration["DisableStaticAssetNotFoundRuntimeFallback"] = "true";
        // Run from the build output (dotnet run, tests) in any environment, MudBlazor's files come from its package as in
        // Development; a published server has them in wwwroot (no runtime manifest, so this does nothing there).
        builder.WebHost.UseStaticWebAssets();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, UiAuthenticationStateProvider>();
        services.AddLocalization();
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest); // every form; also Hangfire's dashboard
        services.AddMudServices(o =>
        {
            // Toasts (new alerts): top right, below the app bar (app.css moves them down: at the top they covered the
            // language and sign-out buttons), at most three at once, shown without a fade (a half-transparent toast is
            // unreadable for a moment, and axe measures its contrast as such).
            o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopRight;
            o.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.VisibleStateDuration = 8000;
        });
        services.AddScoped<UseCaseRunner>();
        services.AddSingleton<CentreFormat>();
        services.AddScoped<SignalBasisText>();
        services.AddTransient<MudLocalizer, UiMudLocalizer>(); // MudBlazor's own button texts in Chinese
        services.AddScoped<CatalogueNames>();
        return builder;
    }

    /// <summary>The culture of the UI's requests (zh-CN by default, en by the switch's cookie); the API keeps the invariant culture.</summary>
    public static WebApplication UseOneStopUiCulture(this WebApplication app)
    {
        var options = new RequestLocalizationOptions { DefaultRequestCulture = new RequestCulture(UiCulture.Chinese) }
            .AddSupportedCultures(UiCulture.Chinese, UiCulture.English)
            .AddSupportedUICultures(UiCulture.Chinese, UiCulture.English);
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        app.UseWhen(c => UiPaths.IsUi(c.Request.Path), ui => ui.UseRequestLocalization(options));
        return app;
    }

    public static WebApplication MapOneStopUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

/// <summary>The two cultures of the UI and the <c>lang</c> of the page.</summary>
public static class UiCulture
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    /// <summary>Whether the current request or circuit is in English.</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string HtmlLang => IsEnglish ? English : Chinese;

    /// <summary>The other language's <c>lang</c> (the switch's own text is in it).</summary>
    public static string OtherLang => IsEnglish ? Chinese : English;

    /// <summary>The language switch's address: the other culture, then back to <paramref name="relativePath"/>.</summary>
    public static string SwitchHref(string relativePath) =>
        Account.AccountEndpoints.CulturePath + "?c=" + OtherLang + "&returnUrl=" + Uri.EscapeDataString("/" + relativePath);
}

/// <summary>Which paths are the UI's (pages, circuits, static files) rather than the API's, the hub's or the dashboard's.</summary>
public static class UiPaths
{
    private static readonly PathString[] NotUi = ["/api", "/hubs", "/hangfire", "/health", "/openapi", "/elsa"]; // issue 11: /elsa/api, the designer's API

    public static bool IsUi(PathString path) => !NotUi.Any(path.StartsWithSegments);

    /// <summary>A browser asking for a page (a GET for HTML outside the API): the one kind of request that is redirected to sign-in.</summary>
    public static bool IsPageRequest(HttpRequest request) =>
        IsUi(request.Path) && !request.Path.StartsWithSegments("/_blazor") && !request.Path.StartsWithSegments("/_framework")
        && HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}

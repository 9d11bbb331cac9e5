using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OneStop.Workflows.Domain.People;
using OneStop.Workflows.Persistence;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>Authentication (bearer tokens for the API, a cookie for the web UI) and authorization policies.</summary>
public static class AuthSetup
{
    /// <summary>The default scheme: bearer when the request carries <c>Authorization: Bearer</c>, else the cookie.</summary>
    public const string SelectorScheme = "OneStop";

    /// <summary>The cookie the web UI signs in with.</summary>
    public const string CookieName = "OneStop.Auth";

    /// <summary>Each policy of <see cref="Policies"/> and the roles it allows (as documented there and in docs/api.md).</summary>
    public static IReadOnlyDictionary<string, Role[]> PolicyRoles { get; } = new Dictionary<string, Role[]>
    {
        [Policies.Administration] = [Role.Administrator],
        [Policies.Design] = [Role.Designer, Role.Administrator],
        [Policies.Window] = [Role.WindowClerk],
        [Policies.Inbox] = [Role.WindowClerk, Role.Reviewer, Role.DepartmentHead],
        [Policies.Staff] = Enum.GetValues<Role>(),
        [Policies.Supervision] = [Role.Supervisor, Role.Administrator, Role.DepartmentHead],
    };

    /// <summary>The data-protection application name: the same on every node, whatever folder it runs from.</summary>
    public const string DataProtectionApplicationName = "OneStop.Workflows";

    public static WebApplicationBuilder AddOneStopAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // Tokens and cookies are protected with the data-protection key ring; keeping it in the database (table
        // data_protection_keys) makes every node accept every node's tokens, and restarts keep users signed in.
        services.AddDataProtection()
            .SetApplicationName(DataProtectionApplicationName)
            .PersistKeysToDbContext<OneStopDbContext>();
        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Bearer token or cookie", o => o.ForwardDefaultSelector = SelectScheme)
            .AddBearerToken(BearerTokenDefaults.AuthenticationScheme, o => o.Events.OnMessageReceived = ReadBearerSchemeIgnoringCase)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, ConfigureCookie);

        // Every route needs a signed-in user unless it says AllowAnonymous (health, OpenAPI, sign-in, the applicant's query).
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var (policy, roles) in PolicyRoles)
        {
            authorization.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles.Select(r => r.ToString())));
        }

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        services.TryAddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddSingleton<StaffCredentials>();
        services.AddOptions<SignInOptions>().Bind(builder.Configuration.GetSection(SignInOptions.Section))
            .Validate(o => o is { LockoutFailures: >= 1, LockoutMinutes: >= 1, CookieSessionHours: >= 1 },
                $"{SignInOptions.Section}:LockoutFailures, :LockoutMinutes and :CookieSessionHours must be at least 1 (docs/operations.md).")
            .ValidateOnStart();
        services.AddSingleton<SignInLockout>();
        services.TryAddSingleton(TimeProvider.System); // sessions keep wall-clock time, as the cookie and bearer handlers do
        services.AddMemoryCache();
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<Hosting.INodeNotificationHandler, SessionEndedHandler>(); // sessions ended on another node
        services.Configure<OpenApiOptions>("v1", o =>
        {
            o.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            o.AddOperationTransformer<BearerSecuritySchemeTransformer>();
        });
        return builder;
    }

    public static WebApplication UseOneStopAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<SessionValidation>(); // ended or expired sessions → anonymous (Features/Auth/SessionValidation.cs)
        app.UseMiddleware<Staff.AccountCheckMiddleware>(); // stale stamp → not signed in; one-time password → 403 (docs/api.md)
        app.UseAuthorization();
        return app;
    }

    public static RouteGroupBuilder MapAuth(this RouteGroupBuilder api)
    {
        api.MapIssueToken();
        api.MapRefreshToken();
        api.MapSignIn();
        api.MapSignOut();
        api.MapGetCurrentUser();
        return api;
    }

    public static Task SeedDemoUsersAsync(this IServiceProvider services, CancellationToken ct) => DemoUsers.SeedAsync(services, ct);

    private static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? BearerTokenDefaults.AuthenticationScheme
            : CookieAuthenticationDefaults.AuthenticationScheme;

    /// <summary>
    /// The auth scheme name is case-insensitive (RFC 9110 §11.1): <c>Authorization: bearer …</c> works as <c>Bearer …</c>
    /// (the bearer handler itself only reads <c>"Bearer "</c> exactly).
    /// </summary>
    private static Task ReadBearerSchemeIgnoringCase(Microsoft.AspNetCore.Authentication.BearerToken.MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(context.Token) && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            context.Token = header["Bearer ".Length..].Trim();
        }

        return Task.CompletedTask;
    }

    private static void ConfigureCookie(CookieAuthenticationOptions o)
    {
        o.Cookie.Name = CookieName;
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Strict;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;

        // A browser asking for a page is sent to the sign-in page (once: the sign-in page and its assets are anonymous) or,
        // signed in without the right, to the refusal page; every other request (API, hub, circuit) gets the status code,
        // and the authorization result handler adds the ProblemDetails body.
        o.LoginPath = Ui.UiRoutes.SignIn;
        o.AccessDeniedPath = Ui.UiRoutes.Refused;
        o.ReturnUrlParameter = "returnUrl";
        o.Events.OnRedirectToLogin = context => StatusOrRedirect(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context, StatusCodes.Status403Forbidden);
    }

    private static Task StatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (Ui.UiPaths.IsPageRequest(context.Request))
        {
            var target = status == StatusCodes.Status401Unauthorized ? Ui.UiRoutes.SignIn : Ui.UiRoutes.Refused;
            context.Response.Redirect(Ui.Account.ReturnUrl.To(target, context.Request.Path + context.Request.QueryString));
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer"; // as the bearer handler would: say how to get in
        }

        return Task.CompletedTask;
    }
}

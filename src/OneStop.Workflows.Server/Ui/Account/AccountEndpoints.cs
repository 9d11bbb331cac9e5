using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using OneStop.Workflows.Application.Staff;
using OneStop.Workflows.Server.Features.Auth;
using OneStop.Workflows.Server.Features.Staff;
using OneStop.Workflows.Server.Hosting;
using OneStop.Workflows.Server.Hosting.RateLimits;

namespace OneStop.Workflows.Server.Ui.Account;

/// <summary>
/// The web UI's form posts that set or remove cookies (sign-in, own password, sign-out, language). They run in an
/// HTTP request, not in a circuit, and answer with a redirect (303) to the next page; a refusal goes back to the form
/// with an error code the page turns into text. Sign-in applies the same per-client and per-user-name limits,
/// lockout and audit as <c>POST /api/auth/sign-in</c>.
/// </summary>
public static class AccountEndpoints
{
    public const string SignInPost = "/account/sign-in";
    public const string PasswordPost = "/account/change-password";
    public const string SignOutPost = "/account/sign-out";
    public const string CulturePath = "/culture";

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        // Each handler checks the form and its antiforgery token itself (FormAsync), so a post without either is a 400.
        var checkedHere = new RequireAntiforgeryTokenAttribute(required: false);
        app.MapPost(SignInPost, SignInAsync).RequireRateLimiting(RateLimitSetup.SignIn).AllowAnonymous().WithMetadata(checkedHere).ExcludeFromDescription();
        app.MapPost(PasswordPost, ChangePasswordAsync).RequireAuthorization(Policies.Staff)
            .WithMetadata(new AllowedWhilePasswordChangeRequired(), checkedHere).ExcludeFromDescription();
        app.MapPost(SignOutPost, SignOutAsync).AllowAnonymous().WithMetadata(checkedHere).ExcludeFromDescription();
        app.MapGet(CulturePath, SetCulture).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, StaffCredentials credentials, StaffSessions sessions, CancellationToken ct)
    {
        if (await FormAsync(http, ct) is not { } form)
        {
            return Results.BadRequest();
        }

        var returnUrl = form["returnUrl"].ToString();
        var (user, failure) = await credentials.CheckAsync(form["userName"].ToString(), form["password"].ToString(), "form", ct);
        if (user is null)
        {
            return SeeOther(ReturnUrl.To(UiRoutes.SignIn, returnUrl, failure!.Kind switch
            {
                SignInFailureKind.Missing => "missing",
                SignInFailureKind.TooManyAttempts => "too-many",
                _ => "failed",
            }));
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, await sessions.StartCookieAsync(user, ct));
        return SeeOther(user.MustChangePassword ? ReturnUrl.To(UiRoutes.ChangePassword, returnUrl) : ReturnUrl.Safe(returnUrl));
    }

    private static async Task<IResult> ChangePasswordAsync(
        HttpContext http, ChangeOwnPassword change, StaffCredentials credentials, StaffSessions sessions, CancellationToken ct)
    {
        if (await FormAsync(http, ct) is not { } form)
        {
            return Results.BadRequest();
        }

        var (currentPassword, newPassword, returnUrl) = (form["currentPassword"].ToString(), form["newPassword"].ToString(), form["returnUrl"].ToString());
        var confirmPassword = form["confirmPassword"].ToString();
        var actor = CurrentUser.From(http.User)!;
        if (newPassword != confirmPassword)
        {
            return SeeOther(ReturnUrl.To(UiRoutes.ChangePassword, returnUrl, "mismatch"));
        }

        var changed = await change.ExecuteAsync(new ChangeOwnPassword.Command(currentPassword, newPassword), actor, ct);
        if (changed.Refusal is { } refusal)
        {
            // The rules the new password broke go back by code (ADR 0017), so the page says which, in its language.
            var error = refusal.Errors?.ContainsKey("currentPassword") == true ? "current-password"
                : refusal.FieldErrors?.GetValueOrDefault("newPassword") is { Length: > 0 } broken ? string.Join(",", broken.Select(e => e.Code))
                : "new-password";
            return SeeOther(ReturnUrl.To(UiRoutes.ChangePassword, returnUrl, error));
        }

        // The change re-stamped the account, so this cookie is dead: end its session and sign in with the new password.
        await sessions.SignOutAsync(http.User, ct);
        var (user, _) = await credentials.CheckAsync(actor.UserName, newPassword, "form", ct);
        if (user is null)
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return SeeOther(ReturnUrl.To(UiRoutes.SignIn, returnUrl));
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, await sessions.StartCookieAsync(user, ct));
        return SeeOther(ReturnUrl.Safe(returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, StaffSessions sessions, CancellationToken ct)
    {
        if (await FormAsync(http, ct) is null)
        {
            return Results.BadRequest(); // only the sign-out button of our own pages may sign a user out
        }

        await sessions.SignOutAsync(http.User, ct);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return SeeOther(UiRoutes.SignIn);
    }

    private static IResult SetCulture(HttpContext http, string? c, string? returnUrl)
    {
        var culture = c == UiCulture.English ? UiCulture.English : UiCulture.Chinese;
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return Results.LocalRedirect(ReturnUrl.Local(returnUrl));
    }

    /// <summary>The posted form when it is one and carries a valid antiforgery token (cookie + field), else null (400).</summary>
    private static async Task<IFormCollection?> FormAsync(HttpContext http, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType
            || !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return null;
        }

        return await http.Request.ReadFormAsync(ct);
    }

    private static IResult SeeOther(string location) => new SeeOtherResult(location);

    /// <summary>303: after a form post the browser GETs the next page.</summary>
    private sealed class SeeOtherResult(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}

using Microsoft.AspNetCore.Authorization;
using OneStop.Workflows.Server.Hosting;

namespace OneStop.Workflows.Server.Features.Staff;

/// <summary>Marks the routes and pages a user whose password must change may still use (who am I, change own password).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AllowedWhilePasswordChangeRequired : Attribute;

/// <summary>
/// After authentication: a token or cookie whose account is gone, disabled or re-stamped (role, department or password
/// changed) is treated as no sign-in at all (401); a user who must change a one-time password gets 403
/// <c>password-change-required</c> (a page request: a redirect to the password page) on every signed-in route except those marked <see cref="AllowedWhilePasswordChangeRequired"/>.
/// </summary>
public sealed class AccountCheckMiddleware(RequestDelegate next, AccountStandings standings)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (CurrentUser.From(context.User) is { } user)
        {
            var standing = await standings.GetAsync(user.UserName, context.RequestAborted);
            if (!AccountStandings.Vouches(context.User, standing))
            {
                context.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
            }
            else if (standing!.MustChangePassword && context.GetEndpoint() is { } endpoint
                && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
                && endpoint.Metadata.GetMetadata<AllowedWhilePasswordChangeRequired>() is null)
            {
                if (Ui.UiPaths.IsPageRequest(context.Request))
                {
                    // A page: the web UI's password form, then back here.
                    context.Response.Redirect(Ui.Account.ReturnUrl.To(Ui.UiRoutes.ChangePassword, context.Request.Path + context.Request.QueryString));
                    return;
                }

                await Problems.PasswordChangeRequired().ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }
}

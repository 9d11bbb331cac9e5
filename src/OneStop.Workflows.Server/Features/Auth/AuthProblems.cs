using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>The ProblemDetails of authentication and authorization: 401 and 403 are always JSON, never a redirect or an empty body.</summary>
public static class AuthProblems
{
    // Same base as Hosting/ProblemTypes; documented in docs/api.md.
    private const string Base = "https://onestop.example/problems/";
    public const string UnauthorizedType = Base + "unauthorized";
    public const string ForbiddenType = Base + "forbidden";
    public const string SignInFailedType = Base + "sign-in-failed";

    /// <summary>The one answer to a wrong user name, a wrong password, a disabled and a locked account alike (no user enumeration).</summary>
    public const string SignInFailedDetail =
        "The user name or password is wrong, the account is disabled, or it is locked for a while after too many failed attempts. " +
        "用户名或密码错误，账户已停用，或因多次失败暂时锁定。";

    public static IResult Unauthorized(string detail = "Sign in first: send 'Authorization: Bearer <token>' from POST /api/auth/token, or the sign-in cookie.") =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in", detail: detail, type: UnauthorizedType);

    public static IResult Forbidden() =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "Your role may not use this route.", type: ForbiddenType);

    public static IResult SignInFailed() =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: SignInFailedDetail, type: SignInFailedType);
}

/// <summary>
/// Lets the schemes challenge or forbid as usual (the bearer handler adds <c>WWW-Authenticate</c>; the cookie
/// handler sets the status on API paths), then writes the 401/403 ProblemDetails body.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (context.GetEndpoint() is not RouteEndpoint && !authorizeResult.Succeeded)
        {
            // No route matched: nothing to protect, so an unknown path answers 404 (ProblemDetails from the status-code
            // pages), and routing's own rejections (405 wrong method, 415 wrong Content-Type: plain endpoints that only
            // set the status) answer as such, rather than a challenge. The one path served without an endpoint, the
            // Hangfire dashboard, checks its own user (AdministratorsOnlyDashboardFilter: 401 anonymous, 403 other staff).
            await next(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
        if ((authorizeResult.Challenged || authorizeResult.Forbidden) && !context.Response.HasStarted)
        {
            var problem = context.Response.StatusCode switch
            {
                StatusCodes.Status401Unauthorized => AuthProblems.Unauthorized(),
                StatusCodes.Status403Forbidden => AuthProblems.Forbidden(),
                _ => null, // a redirect of a web UI page
            };
            if (problem is not null)
            {
                await problem.ExecuteAsync(context);
            }
        }
    }
}

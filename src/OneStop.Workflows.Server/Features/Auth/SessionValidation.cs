using System.Security.Claims;

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>
/// Refuses cookies and bearer tokens whose server-side session has ended (signed out, refresh token reused) or expired:
/// the request continues as anonymous, so a protected route answers 401. Runs after authentication, before authorization,
/// for the cookie and the bearer scheme alike (however the token arrived, header or hub query string).
/// </summary>
public sealed class SessionValidation(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, StaffSessions sessions)
    {
        if (context.User.Identity?.IsAuthenticated == true && !await sessions.IsLiveAsync(context.User, context.RequestAborted))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(context);
    }
}

namespace OneStop.Workflows.Server.Features.Auth;

/// <summary>Account lockout and session lifetime (section <c>SignIn</c>; docs/operations.md).</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>Consecutive failed sign-ins of one user name that lock it. Default 10.</summary>
    public int LockoutFailures { get; set; } = 10;

    /// <summary>How long a locked user name is refused, even with the right password. Default 15 minutes.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A cookie session ends this long after sign-in, however active (the cookie also lapses after 8 idle hours). Default 10 hours.</summary>
    public int CookieSessionHours { get; set; } = 10;
}

namespace OneStop.Workflows.Server.Hosting.RateLimits;

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="WindowSeconds"/>.</summary>
public sealed class RateLimitWindow
{
    public int PermitLimit { get; set; }

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// The rate limits of the anonymous doors (section <c>RateLimits</c>; docs/operations.md). Requests beyond a limit get
/// 429 with <c>Retry-After</c>. The client is <c>HttpContext.Connection.RemoteIpAddress</c> (behind a proxy, the
/// forwarded address).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in, token and refresh requests together, per client IP address.</summary>
    public RateLimitWindow SignInPerClient { get; set; } = new() { PermitLimit = 60 };

    /// <summary>Sign-in and token requests per user name (as typed, case-insensitive), from any address.</summary>
    public RateLimitWindow SignInPerUserName { get; set; } = new() { PermitLimit = 10 };

    /// <summary>The applicant's progress query, per client IP address.</summary>
    public RateLimitWindow ProgressQueryPerClient { get; set; } = new() { PermitLimit = 30 };

    /// <summary>The applicant's progress query per case number, from any address.</summary>
    public RateLimitWindow ProgressQueryPerCaseNumber { get; set; } = new() { PermitLimit = 10 };

    /// <summary>
    /// API requests worked on at once (the rest wait in line, oldest first). Keep it below the database pool's size
    /// (Npgsql's default Max Pool Size is 100): a request holds a pooled connection for its whole step or read transaction.
    /// </summary>
    public int MaxRequestsInFlight { get; set; } = 64;

    /// <summary>API requests that may wait for a turn; beyond that the server answers 503 with <c>Retry-After</c> at once.</summary>
    public int RequestQueueLimit { get; set; } = 2000;
}

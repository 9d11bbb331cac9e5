using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace OneStop.Workflows.Server.Hosting.RateLimits;

/// <summary>
/// ASP.NET Core's rate limiter on the anonymous doors: per client IP in the middleware (policies <see cref="SignIn"/> and
/// <see cref="ProgressQuery"/>), per user name / case number in the handlers (<see cref="BodyRateLimits"/>). Refusals are
/// 429 ProblemDetails with <c>Retry-After</c> in seconds.
/// </summary>
public static class RateLimitSetup
{
    /// <summary>Sign-in, token and refresh: one budget per client IP.</summary>
    public const string SignIn = "sign-in";

    /// <summary>The applicant's progress query, per client IP.</summary>
    public const string ProgressQuery = "progress-query";

    public static WebApplicationBuilder AddOneStopRateLimits(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().Bind(builder.Configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => Valid(o.SignInPerClient) && Valid(o.SignInPerUserName) && Valid(o.ProgressQueryPerClient) && Valid(o.ProgressQueryPerCaseNumber),
                $"Every {RateLimitOptions.Section}:*:PermitLimit and :WindowSeconds must be at least 1 (docs/operations.md, \"Sign-in protection\").")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var clock = sp.GetRequiredService<IClock>();
            var limits = sp.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            return new BodyRateLimits(new KeyedRateLimiter(clock, limits.SignInPerUserName), new KeyedRateLimiter(clock, limits.ProgressQueryPerCaseNumber));
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy<string, ClientPolicy.SignInPolicy>(SignIn);
            o.AddPolicy<string, ClientPolicy.ProgressQueryPolicy>(ProgressQuery);
            o.OnRejected = (context, _) => new ValueTask(Problems.TooManyRequests(
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1)).ExecuteAsync(context.HttpContext));
        });
        return builder;
    }

    private static bool Valid(RateLimitWindow window) => window is { PermitLimit: >= 1, WindowSeconds: >= 1 };

    /// <summary>The partition key of a client: its IP address (<c>unknown</c> when the connection has none, as in tests).</summary>
    public static string ClientKey(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>A per-client-IP policy over <see cref="ClockWindowLimiter"/>; refusals are written by <c>OnRejected</c>.</summary>
public abstract class ClientPolicy(IClock clock, RateLimitWindow limit) : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.Get(RateLimitSetup.ClientKey(httpContext), _ => new ClockWindowLimiter(clock, limit));

    internal sealed class SignInPolicy(IClock clock, IOptions<RateLimitOptions> options) : ClientPolicy(clock, options.Value.SignInPerClient);

    internal sealed class ProgressQueryPolicy(IClock clock, IOptions<RateLimitOptions> options) : ClientPolicy(clock, options.Value.ProgressQueryPerClient);
}

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
            .Validate(o => o is { MaxRequestsInFlight: >= 1, RequestQueueLimit: >= 0 },
                $"{RateLimitOptions.Section}:MaxRequestsInFlight must be at least 1 and :RequestQueueLimit at least 0 (docs/operations.md).")
            .Validate(o => Valid(o.SignInPerClient) && Valid(o.SignInPerUserName) && Valid(o.ProgressQueryPerClient) && Valid(o.ProgressQueryPerCaseNumber),
                $"Every {RateLimitOptions.Section}:*:PermitLimit and :WindowSeconds must be at least 1 (docs/operations.md, \"Sign-in protection\").")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var clock = sp.GetRequiredService<IClock>();
            var limits = sp.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            return new BodyRateLimits(new KeyedRateLimiter(clock, limits.SignInPerUserName), new KeyedRateLimiter(clock, limits.ProgressQueryPerCaseNumber));
        });
        var inFlight = builder.Configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Overload: at most MaxRequestsInFlight API requests at once, the rest queued — so requests never wait for a
            // pooled connection (and time out with their work wasted) but wait in line before they take one.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => context.Request.Path.StartsWithSegments("/api")
                ? RateLimitPartition.GetConcurrencyLimiter("api", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = inFlight.MaxRequestsInFlight, QueueLimit = inFlight.RequestQueueLimit, QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                })
                : RateLimitPartition.GetNoLimiter("other"));
            o.AddPolicy<string, ClientPolicy.SignInPolicy>(SignIn);
            o.AddPolicy<string, ClientPolicy.ProgressQueryPolicy>(ProgressQuery);
            // The per-client windows say when to retry; the in-flight limit's refusal (queue full) carries no Retry-After: 503 busy.
            o.OnRejected = (context, _) => new ValueTask((context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                ? Problems.TooManyRequests(wait)
                : Problems.Busy()).ExecuteAsync(context.HttpContext));
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

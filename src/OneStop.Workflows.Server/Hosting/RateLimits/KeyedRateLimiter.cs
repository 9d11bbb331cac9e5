using System.Threading.RateLimiting;
using NodaTime;

namespace OneStop.Workflows.Server.Hosting.RateLimits;

/// <summary>
/// A rate limit per key read from the request body (a user name, a case number), checked by the handler once it has
/// parsed the body, so the body is read only once. Keys compare case-insensitively; idle keys are dropped.
/// </summary>
public sealed class KeyedRateLimiter : IDisposable
{
    private const int MaxKeyLength = 64;
    private readonly PartitionedRateLimiter<string> _limiter;

    public KeyedRateLimiter(IClock clock, RateLimitWindow limit) =>
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.Get(key, _ => new ClockWindowLimiter(clock, limit)));

    /// <summary>Takes one permit for <paramref name="key"/>; when none is left, how long until the next.</summary>
    public bool TryAcquire(string key, out TimeSpan retryAfter)
    {
        var normalised = key.Trim().ToLowerInvariant();
        using var lease = _limiter.AttemptAcquire(normalised.Length <= MaxKeyLength ? normalised : normalised[..MaxKeyLength]);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>The per-key limits of the handlers (per user name for sign-in, per case number for the progress query).</summary>
public sealed class BodyRateLimits(KeyedRateLimiter signInPerUserName, KeyedRateLimiter progressQueryPerCaseNumber) : IDisposable
{
    public KeyedRateLimiter SignInPerUserName { get; } = signInPerUserName;

    public KeyedRateLimiter ProgressQueryPerCaseNumber { get; } = progressQueryPerCaseNumber;

    public void Dispose()
    {
        SignInPerUserName.Dispose();
        ProgressQueryPerCaseNumber.Dispose();
    }
}

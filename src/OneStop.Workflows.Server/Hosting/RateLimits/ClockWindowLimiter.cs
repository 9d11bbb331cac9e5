using System.Threading.RateLimiting;
using NodaTime;

namespace OneStop.Workflows.Server.Hosting.RateLimits;

/// <summary>
/// A fixed-window rate limiter that reads the time from <see cref="IClock"/>: at most <c>permitLimit</c> permits per
/// window, the window starting at the first request after the previous one ended. No timer and no queue: a refused
/// request is told how long until the window ends (<see cref="MetadataName.RetryAfter"/>). Because the clock is
/// injected, tests move a <c>FakeClock</c> instead of sleeping.
/// </summary>
public sealed class ClockWindowLimiter(IClock clock, RateLimitWindow limit) : RateLimiter
{
    private readonly Lock _gate = new();
    private Instant? _windowEnd;
    private int _used;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = clock.GetCurrentInstant();
                return _windowEnd is not { } end ? TimeSpan.Zero
                    : now >= end ? (now - end).ToTimeSpan()
                    : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = limit.PermitLimit - UsedAt(clock.GetCurrentInstant()) };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        lock (_gate)
        {
            var now = clock.GetCurrentInstant();
            var used = UsedAt(now);
            if (used + permitCount <= limit.PermitLimit)
            {
                if (_windowEnd is null || now >= _windowEnd)
                {
                    _windowEnd = now + Duration.FromSeconds(limit.WindowSeconds);
                }

                _used = used + permitCount;
                return Lease.Acquired;
            }

            return new Lease(false, (_windowEnd!.Value - now).ToTimeSpan());
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    /// <summary>Permits used in the window that contains <paramref name="now"/> (none once it has ended).</summary>
    private int UsedAt(Instant now) => _windowEnd is { } end && now < end ? _used : 0;

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}

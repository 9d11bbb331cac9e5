namespace OneStop.Workflows.Server.Features.Supervision;

/// <summary>
/// Settings of section <c>Supervision</c>: whether this node runs Hangfire and the recurring deadline sweep, and how often
/// the sweep runs. Read once at start-up; a bad value stops the server with a message naming the setting.
/// </summary>
/// <param name="Enabled">
/// <c>Supervision:Enabled</c>, default true in every environment. False: this node runs no Hangfire and no recurring
/// sweep; signals fire only when something calls the sweeper (integration tests set it so, and call the sweeper directly).
/// </param>
/// <param name="SweepIntervalSeconds"><c>Supervision:SweepIntervalSeconds</c>, default 30; see <see cref="SweepCron"/>.</param>
/// <param name="Workers"><c>Supervision:Workers</c>: Hangfire worker threads on this node, default 2.</param>
public sealed record SupervisionOptions(bool Enabled, int SweepIntervalSeconds, int Workers)
{
    public const string Section = "Supervision";

    public const int DefaultSweepIntervalSeconds = 30;

    public const int DefaultWorkers = 2;

    /// <summary>Intervals a cron expression can express evenly (a divisor of a minute, or whole minutes dividing an hour).</summary>
    public static IReadOnlyList<int> AllowedIntervals { get; } =
        Enumerable.Range(1, 60).Where(s => 60 % s == 0).Concat(Enumerable.Range(2, 59).Where(m => 60 % m == 0).Select(m => m * 60)).ToList();

    /// <summary>
    /// The recurring job's cron: six fields (with seconds, which Hangfire 1.8 accepts) below a minute, e.g.
    /// <c>*/30 * * * * *</c>; five fields for whole minutes, e.g. <c>*/5 * * * *</c>.
    /// </summary>
    public string SweepCron => SweepIntervalSeconds switch
    {
        < 60 => $"*/{SweepIntervalSeconds} * * * * *",
        60 => "* * * * *",
        3600 => "0 * * * *",
        _ => $"*/{SweepIntervalSeconds / 60} * * * *",
    };

    /// <summary>
    /// How often Hangfire's schedulers look for due work (its <c>SchedulePollingInterval</c>): half the sweep interval,
    /// between 1 and 15 seconds, so that a sub-minute cron is honoured within that much.
    /// </summary>
    public TimeSpan SchedulePollingInterval => TimeSpan.FromSeconds(Math.Clamp(SweepIntervalSeconds / 2.0, 1, 15));

    public static SupervisionOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var enabled = Read<bool>(section, "Enabled", bool.TryParse, true);
        var interval = Read<int>(section, "SweepIntervalSeconds", int.TryParse, DefaultSweepIntervalSeconds);
        if (!AllowedIntervals.Contains(interval))
        {
            throw new InvalidOperationException(
                $"{Section}:SweepIntervalSeconds is {interval}; use one of {string.Join(", ", AllowedIntervals)} " +
                "(a divisor of a minute, or whole minutes dividing an hour, so that a cron expression can run it evenly).");
        }

        var workers = Read<int>(section, "Workers", int.TryParse, DefaultWorkers);
        if (workers is < 1 or > 64)
        {
            throw new InvalidOperationException($"{Section}:Workers is {workers}; use 1 to 64.");
        }

        return new(enabled, interval, workers);
    }

    private delegate bool TryParse<T>(string text, out T value);

    private static T Read<T>(IConfigurationSection section, string key, TryParse<T> parse, T fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return parse(text.Trim(), out var value)
            ? value
            : throw new InvalidOperationException($"{Section}:{key} is '{text}', which is not a valid {typeof(T).Name.ToLowerInvariant()}.");
    }
}

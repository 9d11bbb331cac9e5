using System.Globalization;

namespace OneStop.Workflows.Chaos;

/// <summary>The chaos command's options (docs/reliability.md).</summary>
internal sealed record ChaosOptions(bool Short, int? Decisions, int? Rounds, int? Users, int? DownSeconds, int? Seed, bool SkipBuild)
{
    public const string Usage =
        "<crash|db-restart> [--short] [--decisions N] [--rounds N] (crash) [--users N] [--down-seconds N] (db-restart) [--seed N] [--no-build]" +
        " | deadlines [--signals N] [--kills N] [--window-seconds N] | new-version [--old-cases N] [--new-cases N]" +
        " | two-nodes | soak [--minutes N] [--best N] (options of these two: Scale/ScaleOptions.cs)";

    public static ChaosOptions? Parse(string[] args, TextWriter errors)
    {
        try
        {
            var options = new ChaosOptions(args.Contains("--short"), Number(args, "--decisions"), Number(args, "--rounds"), Number(args, "--users"),
                Number(args, "--down-seconds"), Number(args, "--seed"), args.Contains("--no-build"));
            if (options.Decisions is < 3 or > 5000 || options.Rounds is < 1 or > 100 || options.Users is < 1 or > 256 || options.DownSeconds is < 1 or > 600)
            {
                errors.WriteLine("Out of range: decisions 3..5000, rounds 1..100, users 1..256, down-seconds 1..600.");
                return null;
            }

            options = options with
            {
                Signals = Number(args, "--signals"), Kills = Number(args, "--kills"), WindowSeconds = Number(args, "--window-seconds"),
                OldCases = Number(args, "--old-cases"), NewCases = Number(args, "--new-cases"),
            };
            if (options.Signals is < 100 or > 2_000_000 || options.Kills is < 0 or > 50 || options.WindowSeconds is < 20 or > 3600
                || options.OldCases is < 1 or > 100_000 || options.NewCases is < 1 or > 100_000)
            {
                errors.WriteLine("Out of range: signals 100..2000000, kills 0..50, window-seconds 20..3600 (deadlines); old-cases, new-cases 1..100000 (new-version).");
                return null;
            }

            return options;
        }
        catch (FormatException)
        {
            errors.WriteLine("Usage: " + Usage);
            return null;
        }
    }

    /// <summary>Scenario 3 (deadlines): pending signals seeded (default 100,000, short 10,000).</summary>
    public int? Signals { get; init; }

    /// <summary>Scenario 3: how many times the server is killed (default 5, short 2).</summary>
    public int? Kills { get; init; }

    /// <summary>Scenario 3: the run's window over which half of the signals come due (default 300 s, short 45 s).</summary>
    public int? WindowSeconds { get; init; }

    /// <summary>Scenario 6 (new-version): cases taken into review before v2 is published (default 10,000, short 500).</summary>
    public int? OldCases { get; init; }

    /// <summary>Scenario 6: cases played whole after v2 is published (default 1,000, short 100).</summary>
    public int? NewCases { get; init; }

    private static int? Number(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : null;
    }
}

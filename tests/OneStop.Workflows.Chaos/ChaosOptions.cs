using System.Globalization;

namespace OneStop.Workflows.Chaos;

/// <summary>The chaos command's options (docs/reliability.md).</summary>
internal sealed record ChaosOptions(bool Short, int? Decisions, int? Rounds, int? Users, int? DownSeconds, int? Seed, bool SkipBuild)
{
    public const string Usage =
        "<crash|db-restart> [--short] [--decisions N] [--rounds N] (crash) [--users N] [--down-seconds N] (db-restart) [--seed N] [--no-build]";

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

            return options;
        }
        catch (FormatException)
        {
            errors.WriteLine("Usage: " + Usage);
            return null;
        }
    }

    private static int? Number(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : null;
    }
}

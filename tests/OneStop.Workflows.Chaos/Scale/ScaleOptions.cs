using System.Globalization;

namespace OneStop.Workflows.Chaos.Scale;

/// <summary>
/// The options of scenarios 5 (<c>two-nodes</c>) and 7 (<c>soak</c>) that the other scenarios do not have, read from the
/// same arguments as <see cref="ChaosOptions"/> (which ignores them): <c>--seconds N</c> per throughput measurement,
/// <c>--minutes N</c> of soak, <c>--best N</c> (cases/s; skips the soak's ramp), <c>--open-cases N</c> to seed,
/// <c>--window-minutes N</c> of the soak's report.
/// </summary>
internal sealed record ScaleOptions(int? Seconds, int? Minutes, double? Best, int? OpenCases, int? WindowMinutes)
{
    public const string Usage =
        "two-nodes [--short] [--users N] [--seconds N] [--no-build] | soak [--minutes 60] [--best CASES_PER_SECOND] [--open-cases 100000] [--window-minutes N] [--users N] [--no-build]";

    public static ScaleOptions? Parse(string[] args, TextWriter errors)
    {
        try
        {
            var best = Text(args, "--best") is { } b ? double.Parse(b, CultureInfo.InvariantCulture) : (double?)null;
            var options = new ScaleOptions(Number(args, "--seconds"), Number(args, "--minutes"), best, Number(args, "--open-cases"), Number(args, "--window-minutes"));
            if (options.Seconds is < 5 or > 3600 || options.Minutes is < 1 or > 600 || options.Best is <= 0 or > 5000
                || options.OpenCases is < 0 or > 2_000_000 || options.WindowMinutes is < 1 or > 60)
            {
                errors.WriteLine("Out of range: seconds 5..3600, minutes 1..600, best 0..5000, open-cases 0..2000000, window-minutes 1..60.");
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

    private static string? Text(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int? Number(string[] args, string name) => Text(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
}

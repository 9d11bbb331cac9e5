using System.Globalization;

namespace OneStop.Workflows.Benchmarks.EndToEnd;

/// <summary>
/// The options of the <c>load</c> command (docs/benchmarks.md): closed-loop levels of virtual users, or a paced (open-loop)
/// rate of cases offered per second.
/// </summary>
internal sealed record LoadOptions(
    IReadOnlyList<int> UserLevels, int Seconds, int WarmupSeconds, int? PacedCasesPerSecond, int PgBenchSeconds, int PgBenchClients, bool SkipBuild)
{
    public const string Usage =
        "load [--users 8,16,32] [--seconds 60] [--warmup 10] [--paced CASES_PER_SECOND] [--pgbench-seconds 20] [--pgbench-clients 8] [--no-build]";

    public static LoadOptions? Parse(string[] args, TextWriter errors)
    {
        try
        {
            var users = Text(args, "--users", "8,16,32").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(u => int.Parse(u, CultureInfo.InvariantCulture)).ToList();
            var paced = Text(args, "--paced", string.Empty);
            var options = new LoadOptions(
                users,
                Number(args, "--seconds", 60),
                Number(args, "--warmup", 10),
                paced.Length == 0 ? null : int.Parse(paced, CultureInfo.InvariantCulture),
                Number(args, "--pgbench-seconds", 20),
                Number(args, "--pgbench-clients", 8),
                args.Contains("--no-build"));
            if (options.UserLevels.Count == 0 || options.UserLevels.Any(u => u is < 1 or > 512) || options.Seconds is < 1 or > 3600
                || options.WarmupSeconds is < 0 or > 600 || options.PacedCasesPerSecond is < 1 or > 2000
                || options.PgBenchSeconds is < 0 or > 600 || options.PgBenchClients is < 1 or > 64)
            {
                errors.WriteLine("Out of range: users 1..512, seconds 1..3600, warmup 0..600, paced 1..2000, pgbench-seconds 0..600, pgbench-clients 1..64.");
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

    private static string Text(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static int Number(string[] args, string name, int fallback) =>
        int.Parse(Text(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace OneStop.Workflows.Benchmarks.Ui;

/// <summary>The options of the <c>ui-seed</c> and <c>ui</c> commands (see docs/benchmarks.md, "Web UI (issue 10)").</summary>
internal sealed record UiBenchOptions(
    string? Connection, int Tasks, int Signals, int Iterations, bool SkipBuild, bool NoRender, bool NoSeed)
{
    /// <summary>The departments the open tasks are spread over (the acceptance's 20).</summary>
    public const int Departments = 20;

    public static UiBenchOptions Parse(string[] args) => new(
        Text(args, "--connection"),
        Int(args, "--tasks", 100_000),
        Int(args, "--signals", 1_000_000),
        Int(args, "--iterations", 200),
        args.Contains("--skip-build"),
        args.Contains("--no-render"),
        args.Contains("--no-seed"));

    private static string? Text(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int Int(string[] args, string name, int fallback) =>
        Text(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}

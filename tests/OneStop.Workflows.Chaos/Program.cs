using OneStop.Workflows.Chaos;

// The chaos suite (issue 12, docs/reliability.md):
//   dotnet run -c Release --project tests/OneStop.Workflows.Chaos -- <crash|db-restart> [--short] [options]
// Loopback only; each scenario is bounded in time, prints a Markdown report and exits 1 when an invariant fails.
if (args.Length == 0 || ChaosOptions.Parse(args[1..], Console.Error) is not { } options)
{
    Console.Error.WriteLine("Usage: " + ChaosOptions.Usage);
    return 2;
}

return args[0] switch
{
    "crash" => await CrashScenario.RunAsync(args, options),
    "db-restart" => await DatabaseRestartScenario.RunAsync(args, options),
    "deadlines" => await DeadlinesScenario.RunAsync(args, options),
    "new-version" => await NewVersionScenario.RunAsync(args, options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: " + ChaosOptions.Usage);
    return 2;
}

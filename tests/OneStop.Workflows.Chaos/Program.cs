using OneStop.Workflows.Chaos;

// The chaos suite (issue 12, docs/reliability.md):
//   dotnet run -c Release --project tests/OneStop.Workflows.Chaos -- <crash|db-restart|deadlines|two-nodes|new-version|soak> [--short] [options]
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
    "two-nodes" => await TwoNodesScenario.RunAsync(args, options), // issue 12, scenario 5
    "soak" => await SoakScenario.RunAsync(args, options), // issue 12, scenario 7
    "deadlines" => await DeadlinesScenario.RunAsync(args, options), // issue 12, scenario 3
    "new-version" => await NewVersionScenario.RunAsync(args, options), // issue 12, scenario 6
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: " + ChaosOptions.Usage);
    return 2;
}

using BenchmarkDotNet.Running;
using OneStop.Workflows.Benchmarks;

if (args.Length > 0 && args[0] == "sweep")
{
    return await SweepLoad.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "definitions")
{
    return DefinitionCompileLoad.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "load")
{
    return await OneStop.Workflows.Benchmarks.EndToEnd.LoadCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "trace")
{
    return await OneStop.Workflows.Benchmarks.EndToEnd.TraceCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] is "ui-seed" or "ui")
{
    return args[0] == "ui-seed" ? await OneStop.Workflows.Benchmarks.Ui.UiSeed.RunAsync(args[1..]) : await OneStop.Workflows.Benchmarks.Ui.UiCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "cold-start")
{
    return await OneStop.Workflows.Benchmarks.Ui.ColdStartCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "designer-load")
{
    return await OneStop.Workflows.Benchmarks.Designer.DesignerLoadCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>Entry point of the benchmarks (see docs/benchmarks.md for the command).</summary>
public partial class Program;

namespace OneStop.Workflows.Benchmarks.Ui;

/// <summary>The server render of each page (filled in below).</summary>
internal static class UiRender
{
    public static Task<bool> RunAsync(string connectionString, UiBenchOptions options, Action<string> line) => Task.FromResult(true);
}

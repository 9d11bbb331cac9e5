namespace OneStop.Workflows.IntegrationTests.Ui;

/// <summary>
/// The web UI's static files (scripts, styles, fingerprinted per build) and Blazor's circuit endpoints: routes that carry
/// no data and need no row in the route tables (the files are public; a circuit needs a signed-in user, which the browser
/// tests get by signing in).
/// </summary>
public static class UiPlumbing
{
    public static bool Is(string route) =>
        route.StartsWith("/_framework/", StringComparison.Ordinal) || route.StartsWith("/_content/", StringComparison.Ordinal)
        || route.StartsWith("/_blazor", StringComparison.Ordinal) || route == "/{**path:file}"
        || (!route.StartsWith("/api", StringComparison.Ordinal) && !route.Contains('{') && Path.HasExtension(route));
}

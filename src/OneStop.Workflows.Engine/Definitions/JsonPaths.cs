namespace OneStop.Workflows.Engine.Definitions;

internal static class JsonPaths
{
    public static string Activity(string root, int index) => $"{root}.activities[{index}]";

    public static string Connection(string root, int index) => $"{root}.connections[{index}]";
}

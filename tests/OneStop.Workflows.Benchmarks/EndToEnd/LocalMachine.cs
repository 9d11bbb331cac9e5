using System.Net;

namespace OneStop.Workflows.Benchmarks.EndToEnd;

/// <summary>What the load, the benchmarks and the chaos console (which links this file) need of the machine they run on.</summary>
internal static class LocalMachine
{
    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The repository's folder: the nearest one holding OneStop.Workflows.sln above the working or the app folder.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OneStop.Workflows.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run it from the repository (OneStop.Workflows.sln not found above the current folder).");
    }
}

using System.Reflection;
using OneStop.Workflows.Application;
using OneStop.Workflows.Testing;

namespace OneStop.Workflows.IntegrationTests.Architecture;

/// <summary>
/// Issue 9: the use cases (Application) need no host — no ASP.NET Core and no Hangfire — and never the server (ADR 0005).
/// Here, not in the unit tests, because Application references Persistence.
/// </summary>
public class ApplicationLayering_Issue9Tests
{
    private static readonly Assembly ApplicationAssembly = typeof(Actor).Assembly;

    [Fact]
    public void Application_ReferencesNoAspNetCoreAndNoHangfire()
    {
        var references = ApplicationAssembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Should().Contain("OneStop.Workflows.Persistence");
        references.Should().NotContain(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("Hangfire", StringComparison.Ordinal),
            "use cases are called by routes and jobs alike; HTTP and scheduling stay in the server");
    }

    [Fact]
    public void Application_ReachesNeitherTheServerNorHangfire_Transitively()
    {
        var references = AssemblyReferences.Reachable(ApplicationAssembly);

        references.Should().Contain("OneStop.Workflows.Domain");
        references.Should().NotContain(n => n.StartsWith("OneStop.Workflows.Server", StringComparison.Ordinal) || n.StartsWith("Hangfire", StringComparison.Ordinal));
    }
}

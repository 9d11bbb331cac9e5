using OneStop.Workflows.Domain;
using OneStop.Workflows.Engine.Activities;
using OneStop.Workflows.Testing;

namespace OneStop.Workflows.Domain.Tests.Architecture;

/// <summary>Engine and Domain stay free of EF Core, Hangfire and ASP.NET (architecture.md §3), and so do their unit tests.</summary>
public class LayeringTests
{
    private static readonly string[] Forbidden = ["Microsoft.EntityFrameworkCore", "Hangfire", "Microsoft.AspNetCore", "Npgsql", "Microsoft.Data.Sqlite"];

    public static TheoryData<string> InnerAssemblies => new() { "Engine", "Domain" };

    [Theory]
    [MemberData(nameof(InnerAssemblies))]
    public void InnerAssembly_ReferencesNoInfrastructure_Transitively(string layer)
    {
        var assembly = layer == "Engine" ? typeof(ActivityCatalogue).Assembly : typeof(DomainAssembly).Assembly;

        var references = AssemblyReferences.Reachable(assembly);

        references.Should().NotBeEmpty();
        references.Where(name => Forbidden.Any(f => name.StartsWith(f, StringComparison.Ordinal)))
            .Should().BeEmpty($"{layer} must not depend on EF Core, Hangfire, ASP.NET or database drivers");
    }

    [Fact]
    public void Domain_ReferencesEngine_AndNotTheOuterLayers()
    {
        var references = typeof(DomainAssembly).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        references.Should().Contain("OneStop.Workflows.Engine");
        references.Should().NotContain(n => n!.StartsWith("OneStop.Workflows.Persistence") || n.StartsWith("OneStop.Workflows.Server"));
    }

    [Theory]
    [MemberData(nameof(InnerAssemblies))]
    public void InnerAssembly_ReachesNeitherPersistenceNorApplication_Transitively(string layer)
    {
        var assembly = layer == "Engine" ? typeof(ActivityCatalogue).Assembly : typeof(DomainAssembly).Assembly;

        var references = AssemblyReferences.Reachable(assembly);

        references.Should().NotContain(n => n.StartsWith("OneStop.Workflows.Persistence", StringComparison.Ordinal) || n.StartsWith("OneStop.Workflows.Application", StringComparison.Ordinal),
            $"{layer} is below the use cases (Application) and their unit of work (Persistence)");
    }

    [Fact]
    public void UnitTests_ReferenceNeitherPersistenceNorServer_Transitively()
    {
        var references = AssemblyReferences.Reachable(typeof(LayeringTests).Assembly);

        references.Should().Contain("OneStop.Workflows.Domain");
        references.Should().NotContain(n => n.StartsWith("OneStop.Workflows.Persistence", StringComparison.Ordinal) || n.StartsWith("OneStop.Workflows.Server", StringComparison.Ordinal),
            "unit tests need no database and no host; tests of the server's seed data live in the integration tests");
    }
}

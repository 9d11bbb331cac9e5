using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Definitions;

/// <summary>The definition-save scenarios of issue 8 on PostgreSQL, a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDefinitionSaves_Issue8Tests(PostgresServerFixture postgres) : DefinitionSaves_Issue8Scenarios
{
    protected override async Task<Api.OneStopApiFactory> CreateFactoryAsync() =>
        new("PostgreSql", await postgres.Server.CreateDatabaseAsync());
}

using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Api;

/// <summary>The API scenarios on PostgreSQL (production), a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresApiScenarios(PostgresServerFixture postgres) : ApiScenarios
{
    protected override async Task<OneStopApiFactory> CreateFactoryAsync() =>
        new("PostgreSql", await postgres.Server.CreateDatabaseAsync());
}

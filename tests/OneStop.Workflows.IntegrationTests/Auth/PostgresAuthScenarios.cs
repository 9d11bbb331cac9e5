using OneStop.Workflows.IntegrationTests.Api;
using OneStop.Workflows.IntegrationTests.Infrastructure;

namespace OneStop.Workflows.IntegrationTests.Auth;

/// <summary>The sign-in scenarios on PostgreSQL (production), a fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuthScenarios(PostgresServerFixture postgres) : AuthScenarios
{
    protected override async Task<OneStopApiFactory> CreateFactoryAsync() =>
        new("PostgreSql", await postgres.Server.CreateDatabaseAsync());
}

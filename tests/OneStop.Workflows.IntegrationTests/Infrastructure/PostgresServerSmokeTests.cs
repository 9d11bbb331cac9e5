using Npgsql;
using OneStop.Workflows.Testing.Postgres;

namespace OneStop.Workflows.IntegrationTests.Infrastructure;

public sealed class PostgresServerSmokeTests
{
    [Fact]
    public async Task PostgresServer_StartsAndServesQueries_FromScratch()
    {
        await using var server = await PostgresServer.StartAsync();

        var first = await server.CreateDatabaseAsync();
        var second = await server.CreateDatabaseAsync();

        first.Should().NotBe(second);
        foreach (var connectionString in new[] { first, second })
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select version()", connection);
            var version = (string?)await command.ExecuteScalarAsync();

            version.Should().Contain("PostgreSQL");
        }
    }
}

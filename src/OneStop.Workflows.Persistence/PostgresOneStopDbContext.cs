using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OneStop.Workflows.Persistence;

/// <summary>The PostgreSQL flavour of <see cref="OneStopDbContext"/>; owns the migrations in <c>Migrations/PostgreSql</c>.</summary>
public sealed class PostgresOneStopDbContext(DbContextOptions<PostgresOneStopDbContext> options) : OneStopDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model. No connection is opened to add a migration.</summary>
internal sealed class PostgresOneStopDbContextDesignTimeFactory : IDesignTimeDbContextFactory<PostgresOneStopDbContext>
{
    public PostgresOneStopDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ONESTOP_DESIGN_POSTGRES")
            ?? "Host=localhost;Database=onestop;Username=postgres";
        var builder = new DbContextOptionsBuilder<PostgresOneStopDbContext>();
        OneStopDbContextOptions.Configure(builder, new OneStopDatabaseOptions(DatabaseProvider.PostgreSql, connectionString));
        return new PostgresOneStopDbContext(builder.Options);
    }
}

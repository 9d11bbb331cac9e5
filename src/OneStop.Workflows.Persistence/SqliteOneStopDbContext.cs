using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OneStop.Workflows.Persistence;

/// <summary>The SQLite flavour of <see cref="OneStopDbContext"/>; owns the migrations in <c>Migrations/Sqlite</c>.</summary>
public sealed class SqliteOneStopDbContext(DbContextOptions<SqliteOneStopDbContext> options) : OneStopDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQLite model. No database file is touched to add a migration.</summary>
internal sealed class SqliteOneStopDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SqliteOneStopDbContext>
{
    public SqliteOneStopDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteOneStopDbContext>();
        OneStopDbContextOptions.Configure(builder, new OneStopDatabaseOptions(DatabaseProvider.Sqlite, OneStopDatabaseOptions.DefaultSqliteConnectionString));
        return new SqliteOneStopDbContext(builder.Options);
    }
}

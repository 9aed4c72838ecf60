using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CouplingPortal.Core.Data;

/// <summary>Used by `dotnet ef migrations add ... --context SqlitePortalDbContext`.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePortalDbContext>
{
    public SqlitePortalDbContext CreateDbContext(string[] args)
    {
        var options = new DatabaseOptions { Provider = nameof(DatabaseProvider.Sqlite), ConnectionString = "Data Source=design-time.db" };
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(builder, options);
        return new SqlitePortalDbContext(builder.Options);
    }
}

/// <summary>Used by `dotnet ef migrations add ... --context PostgresPortalDbContext`; no server is contacted.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPortalDbContext>
{
    public PostgresPortalDbContext CreateDbContext(string[] args)
    {
        var options = new DatabaseOptions { Provider = nameof(DatabaseProvider.Postgres), ConnectionString = "Host=localhost;Database=couplingportal" };
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(builder, options);
        return new PostgresPortalDbContext(builder.Options);
    }
}

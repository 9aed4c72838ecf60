using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.MasterData.Items;
using CouplingPortal.Core.MasterData.Resources;
using CouplingPortal.Core.MasterData.Setup;
using CouplingPortal.Core.MasterData.Vendors;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Data;

/// <summary>
/// The portal's database, the type every service uses. The instances are always one of the provider subclasses
/// (<see cref="SqlitePortalDbContext"/>, <see cref="PostgresPortalDbContext"/>), so each provider finds its own
/// migration set; <see cref="PortalDatabase"/> decides which.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Vendor> Vendors => Set<Vendor>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<Resource> Resources => Set<Resource>();
    public DbSet<SalespersonPurchaser> SalespeoplePurchasers => Set<SalespersonPurchaser>();
    public DbSet<Currency> Currencies => Set<Currency>();
    public DbSet<PaymentTerms> PaymentTerms => Set<PaymentTerms>();
    public DbSet<ShipmentMethod> ShipmentMethods => Set<ShipmentMethod>();
    public DbSet<ShippingAgent> ShippingAgents => Set<ShippingAgent>();

    /// <summary>
    /// A case-insensitive LIKE of <paramref name="column"/> against <paramref name="pattern"/> (escape character '\\'),
    /// in the provider's own terms, so list search can use the database's native, fast form.
    /// </summary>
    internal abstract Expression CaseInsensitiveLike(Expression column, Expression pattern);

    internal const string LikeEscape = "\\";

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly,
            type => type.Namespace == typeof(Configurations.CustomerConfiguration).Namespace);
}

public sealed class SqlitePortalDbContext(DbContextOptions<PortalDbContext> options) : PortalDbContext(options)
{
    private static readonly System.Reflection.MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    /// <summary>SQLite's LIKE ignores case (for ASCII letters) and is much faster than lower() on every row.</summary>
    internal override Expression CaseInsensitiveLike(Expression column, Expression pattern) =>
        Expression.Call(Like, Expression.Constant(EF.Functions), column, pattern, Expression.Constant(LikeEscape));

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no decimal type; EF would store text that cannot be sorted or compared in SQL. A REAL keeps
        // list sorting by amounts server-side; amounts here have at most 5 decimals, well within a double's precision.
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
        // SQLite keeps no DateTimeKind; every DateTime the portal stores is UTC, so say so on the way back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

public sealed class PostgresPortalDbContext(DbContextOptions<PortalDbContext> options) : PortalDbContext(options)
{
    private static readonly System.Reflection.MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
        nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    internal override Expression CaseInsensitiveLike(Expression column, Expression pattern) =>
        Expression.Call(ILike, Expression.Constant(EF.Functions), column, pattern, Expression.Constant(LikeEscape));
}

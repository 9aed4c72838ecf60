using System.Linq.Expressions;
using System.Reflection;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.MasterData.Items;
using CouplingPortal.Core.MasterData.Resources;
using CouplingPortal.Core.MasterData.Setup;
using CouplingPortal.Core.MasterData.Vendors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CouplingPortal.Core.Data;

/// <summary>
/// The portal's database, the type every service uses. The instances are always one of the provider subclasses
/// (<see cref="SqlitePortalDbContext"/>, <see cref="PostgresPortalDbContext"/>), so each provider finds its own
/// migration set; <see cref="PortalDatabase"/> decides which.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>
    /// Stored column (shadow property) on every searchable table: the list's search fields joined by \x01, a character
    /// nobody types. Search is then one LIKE per row instead of one per field, and PostgreSQL can index it.
    /// </summary>
    internal const string SearchTextColumn = "SearchText";

    internal const string LikeEscape = "\\";

    private static readonly MethodInfo EfProperty = typeof(EF).GetMethod(nameof(EF.Property))!.MakeGenericMethod(typeof(string));

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
    public DbSet<Connection.DataverseConnectionSetup> DataverseConnectionSetup => Set<Connection.DataverseConnectionSetup>();

    public DbSet<IntegrationTableMapping> IntegrationTableMappings => Set<IntegrationTableMapping>();
    public DbSet<IntegrationFieldMapping> IntegrationFieldMappings => Set<IntegrationFieldMapping>();
    public DbSet<Coupling> Couplings => Set<Coupling>();
    public DbSet<OptionCoupling> OptionCouplings => Set<OptionCoupling>();
    public DbSet<IntegrationSynchJob> IntegrationSynchJobs => Set<IntegrationSynchJob>();
    public DbSet<IntegrationSynchJobError> IntegrationSynchJobErrors => Set<IntegrationSynchJobError>();
    public DbSet<SyncRecordChange> SyncRecordChanges => Set<SyncRecordChange>();
    public DbSet<IntegrationJobRequest> IntegrationJobRequests => Set<IntegrationJobRequest>();

    /// <summary>The provider's SQL for the \x01 separator inside a generated column.</summary>
    protected abstract string SearchTextSeparatorSql { get; }

    /// <summary>Whether SearchText is stored (computed on write) or virtual (computed when read).</summary>
    protected abstract bool SearchTextStored { get; }

    /// <summary>A case-insensitive LIKE (escape character '\') in the provider's own, fast terms.</summary>
    internal abstract Expression CaseInsensitiveLike(Expression column, Expression pattern);

    /// <summary>True for entities whose list search fields contain the pattern, ignoring case.</summary>
    internal Expression SearchPredicate(Expression entity, Expression pattern) =>
        CaseInsensitiveLike(Expression.Call(EfProperty, Expression.Convert(entity, typeof(object)), Expression.Constant(SearchTextColumn)), pattern);

    /// <summary>After a bulk load: lets the provider refresh what its query planner knows about the table.</summary>
    internal virtual Task AfterBulkLoadAsync(string table, CancellationToken ct) => Task.CompletedTask;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly,
            type => type.Namespace == typeof(Configurations.CustomerConfiguration).Namespace
                || type.Namespace == typeof(Integration.IntegrationText).Namespace);

        foreach (var (entity, fields) in ListSearchFields.ByEntity)
        {
            modelBuilder.Entity(entity).Property<string>(SearchTextColumn)
                .HasComputedColumnSql(string.Join($" || {SearchTextSeparatorSql} || ", fields.Select(f => $"\"{f}\"")), SearchTextStored);
        }
    }
}

public sealed class SqlitePortalDbContext(DbContextOptions<PortalDbContext> options) : PortalDbContext(options)
{
    private static readonly MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    protected override string SearchTextSeparatorSql => "char(1)";

    /// <summary>
    /// Stored: a LIKE over 100,000 rows takes half the time when the text need not be built per row. (SQLite cannot
    /// add a STORED column to a table that has rows: a later migration that changes it must rebuild the table.)
    /// </summary>
    protected override bool SearchTextStored => true;

    /// <summary>SQLite's LIKE ignores case (ASCII letters only) and is much faster than lower() on every row.</summary>
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

    internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

public sealed class PostgresPortalDbContext(DbContextOptions<PortalDbContext> options) : PortalDbContext(options)
{
    private static readonly MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
        nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    protected override string SearchTextSeparatorSql => "E'\\x01'";

    /// <summary>Stored, so the trigram index can cover it.</summary>
    protected override bool SearchTextStored => true;

    internal override Expression CaseInsensitiveLike(Expression column, Expression pattern) =>
        Expression.Call(ILike, Expression.Constant(EF.Functions), column, pattern, Expression.Constant(LikeEscape));

    /// <summary>
    /// Without fresh statistics the planner guesses that a search matches most rows and reads the whole table instead
    /// of using the trigram index; and until a VACUUM, new GIN entries wait in a pending list that every search scans.
    /// </summary>
    internal override async Task AfterBulkLoadAsync(string table, CancellationToken ct)
    {
        // The table name comes from the EF model, never from input.
        var sql = "VACUUM (ANALYZE) " + this.GetService<ISqlGenerationHelper>().DelimitIdentifier(table);
        await Database.ExecuteSqlRawAsync(sql, ct);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // ILIKE '%term%' cannot use a b-tree; a trigram GIN index on SearchText serves the search and its total count
        // (measured on 100,000 customers: 36 ms, against 400 ms for ORed ILIKEs per field, which the planner
        // answered by reading the whole table). pg_trgm ships with PostgreSQL and is a trusted extension.
        modelBuilder.HasPostgresExtension("pg_trgm");
        foreach (var entity in ListSearchFields.ByEntity.Keys)
        {
            var builder = modelBuilder.Entity(entity);
            builder.HasIndex([SearchTextColumn], $"IX_{builder.Metadata.GetTableName()}_{SearchTextColumn}_trgm")
                .HasMethod("gin").HasOperators("gin_trgm_ops");
        }
    }
}

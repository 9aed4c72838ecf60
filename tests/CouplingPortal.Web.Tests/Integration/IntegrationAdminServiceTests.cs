using CouplingPortal.Core;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Testing;
using CouplingPortal.Web.Components.Pages.Integration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Web.Tests.Integration;

/// <summary>The admin screens' queries and saves on both providers: SQLite files and a real PostgreSQL server.</summary>
public sealed class IntegrationAdminServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Queries_GiveCountsErrorsAndJobs_OnEveryProvider(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var admin = database.Services.GetRequiredService<IntegrationAdminService>();
        await admin.UseDefaultSetupAsync(null, Ct);
        var now = DateTime.UtcNow;
        var job = new IntegrationSynchJob
        {
            Id = Guid.NewGuid(), MappingName = DefaultMappings.Customer, QueuedAt = now.AddMinutes(-5), StartedAt = now.AddMinutes(-5),
            FinishedAt = now.AddMinutes(-4), Failed = 1, RequestedBy = "scheduler", Status = IntegrationJobStatus.Finished,
        };
        await using (var db = await database.DbAsync())
        {
            var customers = await db.Customers.OrderBy(c => c.No).Take(3).ToListAsync(Ct);
            var terms = await db.PaymentTerms.OrderBy(p => p.Code).FirstAsync(Ct);
            job.Errors.Add(new IntegrationSynchJobError
            {
                SourceRecordId = customers[0].SystemId, SourceDescription = "Customer", Message = "coupled to a deleted record",
                Detail = "detail", OccurredAt = now.AddMinutes(-4),
            });
            db.IntegrationSynchJobs.Add(job);
            db.Couplings.AddRange(customers.Select((c, i) => new Coupling
            {
                Id = Guid.NewGuid(), MappingName = DefaultMappings.Customer, LocalTable = LocalTable.Customer, LocalSystemId = c.SystemId,
                DataverseTable = "account", DataverseId = Guid.NewGuid(), CoupledAt = now,
                LastResultToDataverse = i == 0 ? SyncResult.Failure : SyncResult.Success, LastJobIdToDataverse = i == 0 ? job.Id : null,
                Skipped = i == 0,
            }));
            db.OptionCouplings.Add(new OptionCoupling
            {
                Id = Guid.NewGuid(), MappingName = DefaultMappings.PaymentTerms, LocalTable = LocalTable.PaymentTerms, LocalSystemId = terms.SystemId,
                DataverseTable = "account", DataverseColumn = "paymenttermscode", OptionValue = 1, OptionLabel = terms.Code, CoupledAt = now,
                LastResultFromDataverse = SyncResult.Failure,
            });
            await db.SaveChangesAsync(Ct);
        }

        var mappings = await admin.ListMappingsAsync(Ct);
        var errors = await admin.ListSyncErrorsAsync(0, 10, Ct);
        var jobs = await admin.ListJobsAsync(DefaultMappings.Customer, IntegrationJobType.Synchronization, 0, 10, Ct);
        var days = await admin.RecentRunsByDayAsync(null, null, now, 7, Ct);

        Assert.Equal((3, 1, 1), mappings.Where(m => m.Mapping.Name == DefaultMappings.Customer).Select(m => (m.Couplings, m.Errors, m.Skipped)).Single());
        Assert.Equal((1, 1, 0), mappings.Where(m => m.Mapping.Name == DefaultMappings.PaymentTerms).Select(m => (m.Couplings, m.Errors, m.Skipped)).Single());
        var line = Assert.Single(errors.Items);
        Assert.Equal("coupled to a deleted record", line.ErrorMessage);
        Assert.False(line.CoupledRecordExists);
        Assert.True(line.RecordExists);
        Assert.False(errors.HasMore);
        Assert.Equal(job.Id, Assert.Single(jobs.Items).Id);
        Assert.Equal(1, days.Sum(d => d.Failed));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task SaveMapping_StoresValidSettings_AndRefusesInvalidOnesWithoutStoringAnything(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var admin = database.Services.GetRequiredService<IntegrationAdminService>();
        await admin.UseDefaultSetupAsync(null, Ct);

        var customer = (await admin.GetMappingAsync(DefaultMappings.Customer, Ct))!;
        customer.Direction = SyncDirection.FromIntegrationTable;
        customer.TableFilter = customer.TableFilter.And(new FilterCondition("City", FilterOperator.StartsWith, "Amst"));
        customer.Dependencies = [DefaultMappings.Currency];
        Assert.Empty(await admin.SaveMappingAsync(customer, Ct));

        var invalid = (await admin.GetMappingAsync(DefaultMappings.Customer, Ct))!;
        invalid.Direction = SyncDirection.ToIntegrationTable;
        invalid.IntegrationTableFilter = new RecordFilter(new FilterCondition("nosuchcolumn", FilterOperator.Equal, "1"));
        var refused = await admin.SaveMappingAsync(invalid, Ct);

        Assert.Contains(refused, e => e.Property == nameof(IntegrationTableMapping.IntegrationTableFilter));
        var stored = (await admin.GetMappingAsync(DefaultMappings.Customer, Ct))!;
        Assert.Equal(SyncDirection.FromIntegrationTable, stored.Direction);
        Assert.Contains(new FilterCondition("City", FilterOperator.StartsWith, "Amst"), stored.TableFilter.Conditions);
        Assert.Equal([DefaultMappings.Currency], stored.Dependencies);
        Assert.DoesNotContain(stored.IntegrationTableFilter.Conditions, c => c.Field == "nosuchcolumn");
    }

    /// <summary>A migrated, seeded database of one provider with the Core services and the admin service; dropped at the end.</summary>
    private sealed class TestDatabase : IAsyncDisposable
    {
        private readonly string? folder;
        private readonly string? postgres;

        private TestDatabase(ServiceProvider services, string? folder, string? postgres) => (Services, this.folder, this.postgres) = (services, folder, postgres);

        public ServiceProvider Services { get; }

        public static async Task<TestDatabase> CreateAsync(string provider)
        {
            string? folder = null, postgres = null;
            var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider };
            if (provider == "Postgres")
                settings["Database:ConnectionString"] = postgres = await ThrowAwayPostgres.CreateDatabaseAsync("cp_web_admin");
            else
                settings["Database:DataFolder"] = folder = Path.Combine(Path.GetTempPath(), "couplingportal-web-admin", Guid.NewGuid().ToString("N"));
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection().AddLogging().AddLocalization().AddCouplingCore(configuration)
                .AddScoped<IntegrationAdminService>().BuildServiceProvider();
            await services.InitializeDatabaseAsync(Ct);
            return new TestDatabase(services, folder, postgres);
        }

        public async Task<PortalDbContext> DbAsync() => await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            if (postgres is not null) await ThrowAwayPostgres.DropDatabaseAsync(postgres);
            if (folder is not null)
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

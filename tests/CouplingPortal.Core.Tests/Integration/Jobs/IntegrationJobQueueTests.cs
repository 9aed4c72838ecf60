using System.Collections;
using System.Globalization;
using System.Resources;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Synchronization;
using CouplingPortal.Core.Integration.Uncoupling;
using CouplingPortal.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CouplingPortal.Core.Tests.Integration.Jobs;

/// <summary>The queue without a running scheduler: what an enqueue stores, the recurring entries, event-driven rescheduling.</summary>
public abstract class IntegrationJobQueueTests(DatabaseFixture database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Enqueue_StoresAReadyEntryDueNow_WithBcsDescription_EnumNamesInThePayload_AndTwoAttempts()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock);
        using var english = new CultureScope("en-US");

        var entry = await host.Queue.EnqueueAsync(IntegrationJobKind.Synchronization, DefaultMappings.Customer,
            new SyncRequest { MappingName = DefaultMappings.Customer, Direction = SyncDirection.FromIntegrationTable, LocalSystemIds = [Guid.NewGuid()] }, "alice", Ct);
        var uncouple = await host.EnqueueUncouplingAsync(DefaultMappings.Vendor);

        var stored = await host.EntryAsync(entry.Id);
        Assert.Equal(IntegrationJobRequestStatus.Ready, stored.Status);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, stored.NotBefore, TimeSpan.FromMilliseconds(1));
        Assert.Equal("CUSTOMER - Dataverse synchronization job", stored.Description);
        Assert.Equal("VENDOR - Dataverse uncouple job", (await host.EntryAsync(uncouple.Id)).Description);
        Assert.Contains("\"direction\":\"FromIntegrationTable\"", stored.PayloadJson);
        Assert.DoesNotContain("hasSelection", stored.PayloadJson);
        Assert.Equal((2, 0, false, "alice"), (stored.MaxAttempts, stored.Attempts, stored.Recurring, stored.RequestedBy));
        Assert.Equal(IntegrationJobRequestStatus.Ready, (await host.Events.WaitForAsync(e => e.RequestId == entry.Id)).Status);
    }

    [Fact]
    public async Task Enqueue_RefusesAPayloadThatIsNotTheKindsRequest()
    {
        await using var host = await JobsTestHost.StartAsync(database);
        await Assert.ThrowsAsync<ArgumentException>(() => host.Queue.EnqueueAsync(IntegrationJobKind.MatchBasedCoupling, DefaultMappings.Customer,
            new SyncRequest { MappingName = DefaultMappings.Customer }, "alice", Ct));
        Assert.Empty(await host.EntriesAsync());
    }

    [Fact]
    public async Task RecurringEntries_AreOnePerEnabledMapping_AndGoWhenTheirMappingIsDisabledOrDeleted()
    {
        await using var host = await JobsTestHost.StartAsync(database);
        using var english = new CultureScope("en-US");
        await using (var db = host.Db())
            await db.IntegrationTableMappings.Where(m => m.Name == DefaultMappings.ShippingAgent).ExecuteUpdateAsync(s => s.SetProperty(m => m.Enabled, false), Ct);

        Assert.Equal(DefaultMappings.Names.Count - 1, await host.Queue.EnsureRecurringEntriesAsync(Ct));
        Assert.Equal(0, await host.Queue.EnsureRecurringEntriesAsync(Ct));
        var entries = await host.EntriesAsync();
        Assert.Equal(DefaultMappings.Names.Where(n => n != DefaultMappings.ShippingAgent).Order(), entries.Select(e => e.MappingName).Order());
        Assert.All(entries, e => Assert.True(e.Recurring && e.MaxAttempts == 10 && e.RequestedBy == "scheduler"
            && e.Status == IntegrationJobRequestStatus.Ready && e.Kind == IntegrationJobKind.Synchronization));
        var customer = entries.Single(e => e.MappingName == DefaultMappings.Customer);
        Assert.Equal("CUSTOMER - Dataverse synchronization job", customer.Description);
        Assert.Equal(DefaultMappings.Customer, IntegrationJobPayload.Read<SyncRequest>(customer).MappingName);

        await using (var db = host.Db())
        {
            await db.IntegrationTableMappings.Where(m => m.Name == DefaultMappings.Vendor).ExecuteUpdateAsync(s => s.SetProperty(m => m.Enabled, false), Ct);
            await db.IntegrationFieldMappings.Where(f => f.MappingName == DefaultMappings.ShipmentMethod).ExecuteDeleteAsync(Ct);
            await db.IntegrationTableMappings.Where(m => m.Name == DefaultMappings.ShipmentMethod).ExecuteDeleteAsync(Ct);
        }
        await host.Queue.EnsureRecurringEntriesAsync(Ct);
        var left = (await host.EntriesAsync()).Select(e => e.MappingName).ToList();
        Assert.DoesNotContain(DefaultMappings.Vendor, left);
        Assert.DoesNotContain(DefaultMappings.ShipmentMethod, left);
        Assert.Equal(DefaultMappings.Names.Count - 3, left.Count);
    }

    [Fact]
    public async Task RecurringEntries_ExistOnlyWhileTheDataverseConnectionIsEnabled()
    {
        await using var host = await JobsTestHost.StartAsync(database, connectionEnabled: false);
        Assert.Equal(0, await host.Queue.EnsureRecurringEntriesAsync(Ct));
        Assert.Empty(await host.EntriesAsync());

        await host.SetConnectionEnabledAsync(true);
        Assert.Equal(DefaultMappings.Names.Count, await host.Queue.EnsureRecurringEntriesAsync(Ct));
        var oneOff = await host.EnqueueUncouplingAsync();

        await host.SetConnectionEnabledAsync(false);
        await host.Queue.EnsureRecurringEntriesAsync(Ct);
        Assert.Equal([oneOff.Id], (await host.EntriesAsync()).Select(e => e.Id));
    }

    [Fact]
    public async Task ARecurringEntryStoppedByErrors_StartsAgain_WhenTheEntriesAreEnsured()
    {
        await using var host = await JobsTestHost.StartAsync(database);
        await host.Queue.EnsureRecurringEntriesAsync(Ct);
        var id = IntegrationJobQueue.RecurringEntryId(DefaultMappings.Customer);
        await using (var db = host.Db())
            await db.IntegrationJobRequests.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, IntegrationJobRequestStatus.Error).SetProperty(r => r.Attempts, 10), Ct);

        await host.Queue.EnsureRecurringEntriesAsync(Ct);

        var entry = await host.EntryAsync(id);
        Assert.Equal((IntegrationJobRequestStatus.Ready, 0), (entry.Status, entry.Attempts));
    }

    [Fact]
    public async Task ALocalChange_PullsItsTablesRecurringEntryForwardTo30Seconds_ButNotAMappingWithEventDrivenReschedulingDisabled()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock);
        await host.Queue.EnsureRecurringEntriesAsync(Ct);
        var later = clock.GetUtcNow().UtcDateTime.AddHours(12);
        await using (var db = host.Db())
        {
            await db.IntegrationJobRequests.ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, IntegrationJobRequestStatus.OnHoldWithInactivityTimeout).SetProperty(r => r.NotBefore, later), Ct);
            await db.IntegrationTableMappings.Where(m => m.Name == DefaultMappings.Vendor)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.DisableEventDrivenRescheduling, true), Ct);
        }
        clock.Advance(TimeSpan.FromMinutes(5));

        await using (var db = host.Db())
        {
            var customer = await db.Customers.OrderBy(c => c.No).FirstAsync(Ct);
            customer.Name += " (changed)";
            var vendor = await db.Vendors.OrderBy(v => v.No).FirstAsync(Ct);
            vendor.Name += " (changed)";
            await db.SaveChangesAsync(Ct);
        }

        var entries = (await host.EntriesAsync()).ToDictionary(e => e.MappingName);
        var customerEntry = entries[DefaultMappings.Customer];
        Assert.Equal((IntegrationJobRequestStatus.Ready, clock.GetUtcNow().UtcDateTime.AddSeconds(30)), (customerEntry.Status, customerEntry.NotBefore));
        Assert.Equal((IntegrationJobRequestStatus.OnHoldWithInactivityTimeout, later), (entries[DefaultMappings.Vendor].Status, entries[DefaultMappings.Vendor].NotBefore));
        Assert.All(entries.Values.Where(e => e.MappingName != DefaultMappings.Customer), e => Assert.Equal(later, e.NotBefore));
    }

    [Fact]
    public async Task ALocalChange_LeavesAnEntryDueWithinAMinute_AndSavesOfOtherTablesOrDuringAJobRun_WakeNothing()
    {
        var clock = NewClock();
        await using var host = await JobsTestHost.StartAsync(database, clock);
        await host.Queue.EnsureRecurringEntriesAsync(Ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var customerId = IntegrationJobQueue.RecurringEntryId(DefaultMappings.Customer);
        var itemId = IntegrationJobQueue.RecurringEntryId(DefaultMappings.ItemProduct);
        await using (var db = host.Db())
        {
            await db.IntegrationJobRequests.Where(r => r.Id == customerId).ExecuteUpdateAsync(s => s.SetProperty(r => r.NotBefore, now.AddSeconds(50)), Ct);
            await db.IntegrationJobRequests.Where(r => r.Id == itemId).ExecuteUpdateAsync(s => s.SetProperty(r => r.NotBefore, now.AddHours(1)), Ct);
        }

        await using (var db = host.Db())
        {
            (await db.Customers.OrderBy(c => c.No).FirstAsync(Ct)).Name += "!";
            (await db.IntegrationTableMappings.SingleAsync(m => m.Name == DefaultMappings.ItemProduct, Ct)).RecurrenceIntervalMinutes = 45;
            await db.SaveChangesAsync(Ct);
        }
        using (LocalChangeRescheduler.EnterJobRun())
        {
            await using var db = host.Db();
            (await db.Items.OrderBy(i => i.No).FirstAsync(Ct)).Description += "!";
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(now.AddSeconds(50), (await host.EntryAsync(customerId)).NotBefore);
        Assert.Equal(now.AddHours(1), (await host.EntryAsync(itemId)).NotBefore);

        await using (var db = host.Db())
        {
            (await db.Items.OrderBy(i => i.No).FirstAsync(Ct)).Description += "?";
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(now.AddSeconds(30), (await host.EntryAsync(itemId)).NotBefore);
    }
}

public sealed class SqliteIntegrationJobQueueTests(SqliteDatabaseFixture database) : IntegrationJobQueueTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresIntegrationJobQueueTests(PostgresDatabaseFixture database) : IntegrationJobQueueTests(database), IClassFixture<PostgresDatabaseFixture>;

public sealed class JobTextTests
{
    [Fact]
    public void JobMessages_HaveEveryEnglishKeyInDutch_AndADescriptionPerKind()
    {
        var manager = new ResourceManager("CouplingPortal.Core.Integration.Jobs.JobMessages", typeof(JobText).Assembly);
        static List<string> Keys(ResourceSet set) => [.. set.Cast<DictionaryEntry>().Select(e => (string)e.Key)];
        var english = Keys(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!);
        var dutch = Keys(manager.GetResourceSet(CultureInfo.GetCultureInfo("nl"), createIfNotExists: true, tryParents: false)!);

        Assert.NotEmpty(english);
        Assert.Equal(english.Order(), dutch.Order());
        Assert.All(Enum.GetValues<IntegrationJobKind>(), k => Assert.Contains("Description_" + k, english));
        using var dutchScope = new CultureScope("nl-NL");
        Assert.Equal("CUSTOMER - Dataverse-koppelingstaak", JobText.Description(IntegrationJobKind.MatchBasedCoupling, "CUSTOMER"));
    }

    [Fact]
    public void AfterMatchBasedCoupling_ABidirectionalMappingSynchronizesInTheDirectionItsConflictResolutionGives()
    {
        Assert.Equal(SyncDirection.ToIntegrationTable, MatchBasedCouplingJobHandler.DirectionAfterCoupling(SyncDirection.Bidirectional, UpdateConflictResolution.SendDataUpdateToDataverse));
        Assert.Equal(SyncDirection.FromIntegrationTable, MatchBasedCouplingJobHandler.DirectionAfterCoupling(SyncDirection.Bidirectional, UpdateConflictResolution.GetDataUpdateFromDataverse));
        Assert.Equal(SyncDirection.Bidirectional, MatchBasedCouplingJobHandler.DirectionAfterCoupling(SyncDirection.Bidirectional, UpdateConflictResolution.None));
        Assert.Equal(SyncDirection.FromIntegrationTable, MatchBasedCouplingJobHandler.DirectionAfterCoupling(SyncDirection.FromIntegrationTable, UpdateConflictResolution.SendDataUpdateToDataverse));
    }

    [Theory]
    [InlineData("Integration:Scheduler:Workers", "0", "Integration:Scheduler:Workers")]
    [InlineData("Integration:Scheduler:LeaseSeconds", "5", "Integration:Scheduler:LeaseSeconds")]
    [InlineData("Integration:Scheduler:PollSeconds", "0", "Integration:Scheduler:PollSeconds")]
    public void SchedulerOptionsOutOfRange_FailValidation_NamingTheKey(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddLogging().AddIntegrationJobs(configuration).BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IntegrationSchedulerOptions>>().Value);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void TheRecurringEntryId_IsFixedPerMapping()
    {
        Assert.Equal(IntegrationJobQueue.RecurringEntryId("CUSTOMER"), IntegrationJobQueue.RecurringEntryId("CUSTOMER"));
        Assert.NotEqual(IntegrationJobQueue.RecurringEntryId("CUSTOMER"), IntegrationJobQueue.RecurringEntryId("VENDOR"));
    }
}

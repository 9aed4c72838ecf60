using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.Json.Nodes;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Matching;
using CouplingPortal.Core.Integration.Uncoupling;
using CouplingPortal.Core.Tests.Infrastructure;
using CouplingPortal.DataverseEmulator.Seed;
using Microsoft.EntityFrameworkCore;
using static CouplingPortal.Core.Tests.Integration.Engine.MatchBasedCouplingTests;

namespace CouplingPortal.Core.Tests.Integration.Engine;

/// <summary>Uncoupling (bc-coupling.md §3.9), rule by rule, against the emulator over HTTP.</summary>
public abstract class UncouplingEngineTests(DatabaseFixture database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Guid Ours => IntegrationHarness.CompanyId;

    [Fact]
    public async Task UncouplingACustomer_ClearsTheCompanyIdOnItsAccount_AndUncouplesTheContactsUnderIt()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        var account = await AddAccountAsync(h, "Parent Account", company: Ours);
        var otherAccount = await AddAccountAsync(h, "Other Parent", company: Ours);
        var child = await AddContactAsync(h, "Child", account, Ours);
        var otherChild = await AddContactAsync(h, "Other Child", otherAccount, Ours);
        var customer = await AddCustomerAsync(h, "U-1", "Parent Account");
        var (childContact, otherContact) = (Guid.NewGuid(), Guid.NewGuid());
        await AddCouplingAsync(h, customer, account);
        await AddCouplingAsync(h, Guid.NewGuid(), otherAccount);
        await AddCouplingAsync(h, childContact, child, DefaultMappings.Contact, LocalTable.Contact, "contact");
        await AddCouplingAsync(h, otherContact, otherChild, DefaultMappings.Contact, LocalTable.Contact, "contact");

        var jobs = await h.Get<IUncouplingEngine>().RunAsync(new UncoupleRequest { MappingName = DefaultMappings.Customer, LocalSystemIds = [customer] }, ct: Ct);

        Assert.Null(CompanyOf(h, "accounts", account));
        Assert.Null(CompanyOf(h, "contacts", child));
        Assert.Equal(Ours, CompanyOf(h, "accounts", otherAccount));
        Assert.Equal(Ours, CompanyOf(h, "contacts", otherChild));
        Assert.Equal([(DefaultMappings.Customer, 1), (DefaultMappings.Contact, 1)], jobs.Select(j => (j.MappingName, j.Uncoupled)));
        Assert.All(jobs, j => Assert.Equal((IntegrationJobType.Uncoupling, IntegrationJobStatus.Finished, 0), (j.Type, j.Status, j.Failed)));
        await using var db = h.Db();
        Assert.False(await db.Couplings.AnyAsync(c => c.LocalSystemId == customer || c.LocalSystemId == childContact, Ct));
        Assert.True(await db.Couplings.AnyAsync(c => c.LocalSystemId == otherContact, Ct));
        Assert.Equal(2, await db.SyncRecordChanges.CountAsync(c => c.Action == SyncAction.Uncouple, Ct));
    }

    [Fact]
    public async Task WhenTheCompanyIdCannotBeCleared_TheCouplingStays_AndUncouplingFailedIsLogged()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        var account = await AddAccountAsync(h, "Stubborn Account", company: Ours);
        var customer = await AddCustomerAsync(h, "U-1", "Stubborn Account");
        await AddCouplingAsync(h, customer, account);

        // The run reads the row first; its $batch that clears the company id is then refused.
        h.Emulator.Faults.Pause();
        var run = h.Get<IUncouplingEngine>().RunAsync(new UncoupleRequest { MappingName = DefaultMappings.Customer, LocalSystemIds = [customer] }, ct: Ct);
        Assert.True(SpinWait.SpinUntil(() => h.Emulator.Faults.HeldRequests > 0, TimeSpan.FromSeconds(30)), "the read never started");
        h.Emulator.Faults.FailNext(1, 400);
        h.Emulator.Faults.Resume();
        var job = Assert.Single(await run);

        Assert.Equal((0, 1), (job.Uncoupled, job.Failed));
        Assert.Equal(Ours, CompanyOf(h, "accounts", account));
        await using var db = h.Db();
        Assert.True(await db.Couplings.AnyAsync(c => c.LocalSystemId == customer, Ct));
        var error = Assert.Single(await db.IntegrationSynchJobErrors.Where(e => e.JobId == job.Id).ToListAsync(Ct));
        Assert.StartsWith("Uncoupling Customer U-1 Stubborn Account failed", error.Message);
        Assert.Equal((customer, account), (error.SourceRecordId, error.DestinationRecordId));
    }

    [Fact]
    public async Task UncouplingAWholeMapping_RemovesEveryCoupling_AndClearsTheCompanyIdOnStuckRows()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        await h.Emulator.Store.InsertDirectAsync("bcbi_companies",
            [new JsonObject { ["bcbi_companyid"] = DemoSeed.FabrikamCompanyId.ToString("D"), ["bcbi_name"] = "FABRIKAM NL" }], Ct);
        var coupled = await AddAccountAsync(h, "Coupled Account", company: Ours);
        var stuck = await AddAccountAsync(h, "Stuck Account", company: Ours);
        var foreign = await AddAccountAsync(h, "Foreign Account", company: DemoSeed.FabrikamCompanyId);
        var vendorRow = await AddAccountAsync(h, "Vendor Account", company: Ours, type: 11);
        var gone = Guid.NewGuid();
        await AddCouplingAsync(h, Guid.NewGuid(), coupled);
        await AddCouplingAsync(h, Guid.NewGuid(), gone);
        await AddCouplingAsync(h, Guid.NewGuid(), vendorRow, DefaultMappings.Vendor, LocalTable.Vendor);

        var job = Assert.Single(await h.Get<IUncouplingEngine>().RunAsync(new UncoupleRequest { MappingNames = [DefaultMappings.Customer] }, ct: Ct));

        Assert.Equal((2, 0), (job.Uncoupled, job.Failed));
        Assert.Null(CompanyOf(h, "accounts", coupled));
        Assert.Null(CompanyOf(h, "accounts", stuck));
        Assert.Equal(DemoSeed.FabrikamCompanyId, CompanyOf(h, "accounts", foreign));
        Assert.Equal(Ours, CompanyOf(h, "accounts", vendorRow));
        Assert.Contains("1 Dataverse row(s)", job.Message);
        await using var db = h.Db();
        Assert.False(await db.Couplings.AnyAsync(c => c.MappingName == DefaultMappings.Customer, Ct));
        Assert.True(await db.Couplings.AnyAsync(c => c.MappingName == DefaultMappings.Vendor, Ct));
    }

    [Fact]
    public async Task UncouplingByCouplingIds_LeavesAnotherCompanysId_AndDeletesOptionCouplings()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        await h.Emulator.Store.InsertDirectAsync("bcbi_companies",
            [new JsonObject { ["bcbi_companyid"] = DemoSeed.FabrikamCompanyId.ToString("D"), ["bcbi_name"] = "FABRIKAM NL" }], Ct);
        var claimed = await AddAccountAsync(h, "Claimed Elsewhere", company: DemoSeed.FabrikamCompanyId);
        var customer = await AddCustomerAsync(h, "U-1", "Claimed Elsewhere");
        await AddCouplingAsync(h, customer, claimed);
        var option = new OptionCoupling
        {
            Id = Guid.NewGuid(), MappingName = DefaultMappings.PaymentTerms, LocalTable = LocalTable.PaymentTerms, LocalSystemId = Guid.NewGuid(),
            DataverseTable = "account", DataverseColumn = "paymenttermscode", OptionValue = 1, OptionLabel = "Net 30", CoupledAt = DateTime.UtcNow,
        };
        Guid couplingId;
        await using (var db = h.Db())
        {
            db.OptionCouplings.Add(option);
            await db.SaveChangesAsync(Ct);
            couplingId = (await db.Couplings.SingleAsync(c => c.LocalSystemId == customer, Ct)).Id;
        }

        var jobs = await h.Get<IUncouplingEngine>().RunAsync(new UncoupleRequest { CouplingIds = [couplingId, option.Id] }, ct: Ct);

        Assert.Equal([(DefaultMappings.Customer, 1), (DefaultMappings.PaymentTerms, 1)], jobs.Select(j => (j.MappingName, j.Uncoupled)).Order());
        Assert.Equal(DemoSeed.FabrikamCompanyId, CompanyOf(h, "accounts", claimed));
        await using var check = h.Db();
        Assert.False(await check.Couplings.AnyAsync(Ct));
        Assert.False(await check.OptionCouplings.AnyAsync(Ct));
    }

    private static Guid? CompanyOf(IntegrationHarness h, string set, Guid id) =>
        h.Emulator.Store.Retrieve(set, id)?["_bcbi_companyid_value"]?.GetValue<string>() is { } value ? Guid.Parse(value) : null;

    private static async Task<Guid> AddContactAsync(IntegrationHarness h, string lastName, Guid parent, Guid company)
    {
        var id = Guid.NewGuid();
        await h.Emulator.Store.InsertDirectAsync("contacts", [new JsonObject
        {
            ["contactid"] = id.ToString("D"), ["lastname"] = lastName,
            ["parentcustomerid_account@odata.bind"] = $"/accounts({parent:D})", ["bcbi_companyid@odata.bind"] = $"/bcbi_companies({company:D})",
        }], Ct);
        return id;
    }
}

public sealed class SqliteUncouplingEngineTests(SqliteDatabaseFixture database) : UncouplingEngineTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresUncouplingEngineTests(PostgresDatabaseFixture database) : UncouplingEngineTests(database), IClassFixture<PostgresDatabaseFixture>;

/// <summary>The engines' texts exist in both languages.</summary>
public sealed class MatchingAndUncouplingTextTests
{
    [Theory]
    [InlineData(typeof(MatchingText), "CouplingPortal.Core.Integration.Matching.MatchingMessages")]
    [InlineData(typeof(UncouplingText), "CouplingPortal.Core.Integration.Uncoupling.UncouplingMessages")]
    public void EveryEnglishKey_HasADutchText(Type owner, string resource)
    {
        var manager = new ResourceManager(resource, owner.Assembly);
        static List<string> Keys(ResourceSet set) => [.. set.Cast<DictionaryEntry>().Select(e => (string)e.Key)];
        var english = Keys(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!);
        var dutch = Keys(manager.GetResourceSet(CultureInfo.GetCultureInfo("nl"), createIfNotExists: true, tryParents: false)!);

        Assert.True(english.Count > 5);
        Assert.Equal(english.Order(), dutch.Order());
    }
}

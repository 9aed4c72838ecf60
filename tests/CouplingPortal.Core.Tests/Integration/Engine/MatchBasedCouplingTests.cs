using System.Text.Json.Nodes;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Matching;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.Tests.Infrastructure;
using CouplingPortal.DataverseEmulator.Seed;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Tests.Integration.Engine;

/// <summary>Match-based coupling (bc-coupling.md §3.7), rule by rule, against the emulator over HTTP.</summary>
public abstract class MatchBasedCouplingTests(DatabaseFixture database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly MatchCriterion ByName = new(nameof(Customer.Name), "name", CaseSensitive: false, Priority: 0);

    private static readonly MatchCriterion ByEmail = new(nameof(Customer.Email), "emailaddress1", CaseSensitive: false, Priority: 0);

    [Fact]
    public async Task MatchGroups_AreTriedInPriorityOrder_AndTheFirstGroupWithOneUncoupledRowCouples()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        var twinA = await AddAccountAsync(h, "Priority Twins", "a@twins.example");
        var twinB = await AddAccountAsync(h, "Priority Twins", "b@twins.example");
        var solo = await AddAccountAsync(h, "Priority Solo", "other@solo.example");
        await AddAccountAsync(h, "Someone Else", "solo@solo.example");
        var twins = await AddCustomerAsync(h, "M-1", "Priority Twins", "b@twins.example");
        var soloCustomer = await AddCustomerAsync(h, "M-2", "Priority Solo", "solo@solo.example");

        var result = await MatchAsync(h, [twins, soloCustomer], [ByName, ByEmail with { Priority = 1 }]);

        var twinsLine = result.Lines.Single(l => l.LocalSystemId == twins);
        Assert.Equal((MatchOutcome.Coupled, twinB, 1), (twinsLine.Outcome, twinsLine.DataverseId, twinsLine.MatchPriority));
        var soloLine = result.Lines.Single(l => l.LocalSystemId == soloCustomer);
        Assert.Equal((MatchOutcome.Coupled, solo, 0), (soloLine.Outcome, soloLine.DataverseId, soloLine.MatchPriority));
        Assert.NotEqual(twinA, twinsLine.DataverseId);
        Assert.Equal(2, result.Job.Coupled);
        await using var db = h.Db();
        Assert.Equal(twinB, (await db.Couplings.SingleAsync(c => c.LocalSystemId == twins, Ct)).DataverseId);
        Assert.Equal(solo, (await db.Couplings.SingleAsync(c => c.LocalSystemId == soloCustomer, Ct)).DataverseId);
    }

    [Fact]
    public async Task CaseInsensitiveMatching_CouplesNamesThatDifferInCase_CaseSensitiveMatchingDoesNot()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        var row = await AddAccountAsync(h, "CASE STUDY TRADERS");
        var customer = await AddCustomerAsync(h, "M-1", "Case Study Traders");

        var sensitive = await MatchAsync(h, [customer], [ByName with { CaseSensitive = true }]);
        var insensitive = await MatchAsync(h, [customer], [ByName]);

        Assert.Equal(MatchOutcome.NoMatch, sensitive.Lines.Single().Outcome);
        Assert.Equal((MatchOutcome.Coupled, row), (insensitive.Lines.Single().Outcome, insensitive.Lines.Single().DataverseId));
    }

    [Fact]
    public async Task EmptyValues_DoNotTakePart_AGroupOfOnlyEmptyFieldsIsNotEvaluated()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        // A row without e-mail must not match a record without e-mail; the name group decides.
        await AddAccountAsync(h, "Nameless Mail Ltd", email: null);
        var named = await AddAccountAsync(h, "Empty Mail Traders", email: null);
        var noEmail = await AddCustomerAsync(h, "M-1", "Empty Mail Traders", email: "");
        var partial = await AddCustomerAsync(h, "M-2", "Empty Mail Traders Two", email: "");

        var result = await MatchAsync(h, [noEmail], [ByEmail, ByName with { Priority = 1 }]);
        // Within one group an empty field is left out: the group matches on the fields that have a value.
        var sameGroup = await MatchAsync(h, [partial], [ByEmail, ByName], dryRun: true);
        var onlyEmail = await MatchAsync(h, [partial], [ByEmail], dryRun: true);

        var line = result.Lines.Single();
        Assert.Equal((MatchOutcome.Coupled, named, 1), (line.Outcome, line.DataverseId, line.MatchPriority));
        Assert.Equal(MatchOutcome.NoMatch, sameGroup.Lines.Single().Outcome);
        Assert.Contains(IntegrationTextCaption(nameof(Customer.Name)), sameGroup.Lines.Single().Reason);
        Assert.DoesNotContain(IntegrationTextCaption(nameof(Customer.Email)), sameGroup.Lines.Single().Reason);
        Assert.Equal(MatchOutcome.NoMatchValues, onlyEmail.Lines.Single().Outcome);
        Assert.Equal(1, onlyEmail.Job.Failed);
    }

    [Fact]
    public async Task SeveralMatchingRows_AreRefused_WithBcsFailedToCoupleError()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        await AddAccountAsync(h, "Double Trouble Inc");
        await AddAccountAsync(h, "double trouble inc");
        var customer = await AddCustomerAsync(h, "M-1", "Double Trouble Inc");

        var result = await MatchAsync(h, [customer], [ByName]);

        var line = result.Lines.Single();
        Assert.Equal((MatchOutcome.MultipleMatches, (Guid?)null), (line.Outcome, line.DataverseId));
        Assert.Equal((0, 1), (result.Job.Coupled, result.Job.Failed));
        await using var db = h.Db();
        Assert.False(await db.Couplings.AnyAsync(c => c.LocalSystemId == customer, Ct));
        var job = await db.IntegrationSynchJobs.Include(j => j.Errors).SingleAsync(j => j.Id == result.Job.Id, Ct);
        Assert.Equal((IntegrationJobType.Coupling, IntegrationJobStatus.Finished, 1), (job.Type, job.Status, job.Failed));
        Assert.StartsWith("Failed to couple 1 record(s), because no unique uncoupled matching entity was found in " + h.Emulator.EnvironmentUrl.AbsoluteUri,
            Assert.Single(job.Errors).Message);
    }

    [Fact]
    public async Task AMatchThatIsAlreadyCoupled_IsRefused_AndARowIsTakenOnlyOncePerRun()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        var taken = await AddAccountAsync(h, "Taken Row Ltd");
        var shared = await AddAccountAsync(h, "Shared Row Ltd");
        var vendor = Guid.NewGuid();
        await using (var db = h.Db())
        {
            db.Couplings.Add(new Coupling
            {
                Id = Guid.NewGuid(), MappingName = DefaultMappings.Vendor, LocalTable = LocalTable.Vendor, LocalSystemId = vendor,
                DataverseTable = "account", DataverseId = taken, CoupledAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }
        var customer = await AddCustomerAsync(h, "M-1", "Taken Row Ltd");
        var first = await AddCustomerAsync(h, "M-2", "Shared Row Ltd");
        var second = await AddCustomerAsync(h, "M-3", "shared row ltd");

        var result = await MatchAsync(h, [customer, first, second], [ByName]);

        var refused = result.Lines.Single(l => l.LocalSystemId == customer);
        Assert.Equal((MatchOutcome.MatchAlreadyCoupled, taken), (refused.Outcome, refused.DataverseId));
        Assert.Equal((MatchOutcome.Coupled, shared), (result.Lines.Single(l => l.LocalSystemId == first).Outcome, result.Lines.Single(l => l.LocalSystemId == first).DataverseId));
        Assert.Equal(MatchOutcome.MatchAlreadyCoupled, result.Lines.Single(l => l.LocalSystemId == second).Outcome);
        Assert.Equal((1, 2), (result.Job.Coupled, result.Job.Failed));
    }

    [Fact]
    public async Task RecordsCoupledMeanwhile_AreLeftAlone_AndReportedAsAlreadyCoupled()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        var row = await AddAccountAsync(h, "Meanwhile Ltd");
        var elsewhere = await AddAccountAsync(h, "Elsewhere Ltd");
        var other = await AddAccountAsync(h, "Other Row Ltd");
        var before = await AddCustomerAsync(h, "M-1", "Elsewhere Ltd");
        var during = await AddCustomerAsync(h, "M-2", "Meanwhile Ltd");
        await AddCouplingAsync(h, before, elsewhere);

        // The run reads the records, then waits on its Dataverse read; meanwhile another job couples "during".
        h.Emulator.Faults.Pause();
        var run = MatchAsync(h, [before, during], [ByName]);
        Assert.True(SpinWait.SpinUntil(() => h.Emulator.Faults.HeldRequests > 0, TimeSpan.FromSeconds(30)), "the Dataverse read never started");
        await AddCouplingAsync(h, during, other);
        h.Emulator.Faults.Resume();
        var result = await run;

        Assert.Equal(MatchOutcome.AlreadyCoupled, result.Lines.Single(l => l.LocalSystemId == before).Outcome);
        var line = result.Lines.Single(l => l.LocalSystemId == during);
        Assert.Equal(MatchOutcome.AlreadyCoupled, line.Outcome);
        Assert.Equal((0, 2), (result.Job.Coupled, result.Job.Skipped));
        await using var db = h.Db();
        Assert.Equal(other, (await db.Couplings.SingleAsync(c => c.LocalSystemId == during, Ct)).DataverseId);
        Assert.False(await db.Couplings.AnyAsync(c => c.DataverseId == row, Ct));
    }

    [Fact]
    public async Task CreateNewIfNoMatch_TurnsUnmatchedRecordsIntoCreateNewLines()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        var row = await AddAccountAsync(h, "Existing Partner");
        var matched = await AddCustomerAsync(h, "M-1", "Existing Partner");
        var unmatched = await AddCustomerAsync(h, "M-2", "Brand New Partner");

        var result = await h.Get<IMatchBasedCoupling>().RunAsync(new MatchRequest
        {
            MappingName = DefaultMappings.Customer, LocalSystemIds = [matched, unmatched], Criteria = [ByName], CreateNewIfNoMatch = true,
        }, ct: Ct);

        Assert.Equal([matched], result.CoupledLocalIds);
        Assert.Equal([unmatched], result.CreateNewLocalIds);
        Assert.Equal(row, result.Lines.Single(l => l.LocalSystemId == matched).DataverseId);
        Assert.Equal((1, 0, 1), (result.Job.Coupled, result.Job.Failed, result.Job.Skipped));
        await using var db = h.Db();
        Assert.False(await db.Couplings.AnyAsync(c => c.LocalSystemId == unmatched, Ct));
    }

    [Fact]
    public async Task APreview_ReportsTheSameLines_AndStoresNothingButTheJob()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        var row = await AddAccountAsync(h, "Preview Partner");
        var customer = await AddCustomerAsync(h, "M-1", "Preview Partner");

        var preview = await MatchAsync(h, [customer], [ByName], dryRun: true);

        Assert.Equal((MatchOutcome.Coupled, row), (preview.Lines.Single().Outcome, preview.Lines.Single().DataverseId));
        await using var db = h.Db();
        Assert.False(await db.Couplings.AnyAsync(Ct));
        Assert.False(await db.SyncRecordChanges.AnyAsync(Ct));
        var job = await db.IntegrationSynchJobs.SingleAsync(Ct);
        Assert.Equal((true, 1, IntegrationJobStatus.Finished), (job.IsDryRun, job.Coupled, job.Status));
    }

    [Fact]
    public async Task WithoutMatchCriteria_TheJobFails_WithBcsMessage_AndReadsNothing()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        var customer = await AddCustomerAsync(h, "M-1", "No Criteria Ltd");

        var result = await h.Get<IMatchBasedCoupling>().RunAsync(new MatchRequest { MappingName = DefaultMappings.Customer, LocalSystemIds = [customer] }, ct: Ct);

        Assert.Empty(result.Lines);
        Assert.Equal(0, result.DataverseRequests);
        await using var db = h.Db();
        var job = await db.IntegrationSynchJobs.Include(j => j.Errors).SingleAsync(Ct);
        Assert.Equal(IntegrationJobStatus.Failed, job.Status);
        Assert.Equal("You must specify which fields of the CUSTOMER mapping should be used for match-based coupling.", job.Message);
        Assert.Single(job.Errors);
    }

    [Fact]
    public async Task TheMappingsMatchFields_AreTheCriteria_WhenTheRequestGivesNone()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        await using (var db = h.Db())
        {
            var email = await db.IntegrationFieldMappings.SingleAsync(f => f.MappingName == DefaultMappings.Customer && f.DataverseColumn == "emailaddress1", Ct);
            email.UseForMatchBasedCoupling = true;
            await db.SaveChangesAsync(Ct);
        }
        var row = await AddAccountAsync(h, "Completely Different Name", "orders@mapping-fields.example");
        var customer = await AddCustomerAsync(h, "M-1", "Mapping Fields Ltd", "ORDERS@mapping-fields.example");

        var result = await h.Get<IMatchBasedCoupling>().RunAsync(new MatchRequest { MappingName = DefaultMappings.Customer, LocalSystemIds = [customer] }, ct: Ct);

        Assert.Equal((MatchOutcome.Coupled, row), (result.Lines.Single().Outcome, result.Lines.Single().DataverseId));
    }

    [Fact]
    public async Task TheDemoData_CouplesSchoolOfFineArtCaseInsensitively_NotTheTwoRelecloud_AndNeverSeesAnotherCompanysRow()
    {
        await using var h = await IntegrationHarness.StartAsync(database, o => o.SeedDemoData = true);

        var result = await h.Get<IMatchBasedCoupling>().RunAsync(new MatchRequest { MappingName = DefaultMappings.Customer, Criteria = [ByName] }, ct: Ct);

        Assert.Equal((MatchOutcome.Coupled, DemoSeed.StableId("account:SCHOOL OF FINE ART")),
            (Line(result, "30000").Outcome, Line(result, "30000").DataverseId));
        Assert.Equal(MatchOutcome.MultipleMatches, Line(result, "50000").Outcome);
        Assert.Equal(MatchOutcome.NoMatch, Line(result, "60000").Outcome);
        Assert.Equal(1, result.DataverseRequests);
        Assert.Equal(result.Job.Failed, result.Lines.Count(l => l.Outcome is MatchOutcome.NoMatch or MatchOutcome.MultipleMatches or MatchOutcome.MatchAlreadyCoupled or MatchOutcome.NoMatchValues));

        // Everything is coupled or refused now: a second run has nothing left that the first one could couple.
        var again = await h.Get<IMatchBasedCoupling>().RunAsync(new MatchRequest { MappingName = DefaultMappings.Customer, Criteria = [ByName] }, ct: Ct);
        Assert.Equal(0, again.Job.Coupled);
        Assert.DoesNotContain(again.Lines, l => l.LocalDescription.StartsWith("Customer 30000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CandidateRows_AreReadOnce_PagedAndFiltered_WhateverTheNumberOfRecords()
    {
        await using var h = await IntegrationHarness.StartAsync(database, settings: new Dictionary<string, string?> { ["Integration:Matching:DataversePageSize"] = "2" });
        for (var i = 0; i < 5; i++)
            await AddAccountAsync(h, $"Paged Partner {i}");
        await AddAccountAsync(h, "Paged Partner 0 Vendor", type: 11);
        var customers = new List<Guid>();
        for (var i = 0; i < 7; i++)
            customers.Add(await AddCustomerAsync(h, $"M-{i}", $"Paged Partner {i}"));
        var before = h.Emulator.Requests.Count;

        var result = await MatchAsync(h, customers, [ByName]);

        var requests = h.Emulator.Requests.Skip(before).ToList();
        Assert.Equal(3, result.DataverseRequests);
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal("GET", r.Method));
        Assert.All(requests, r => Assert.Contains("customertypecode", Uri.UnescapeDataString(r.Target), StringComparison.Ordinal));
        Assert.Equal(5, result.Job.Coupled);
    }

    [Fact]
    public async Task ReasonsAreInTheUsersLanguage()
    {
        await using var h = await IntegrationHarness.StartAsync(database);
        var customer = await AddCustomerAsync(h, "M-1", "Nergens Te Vinden BV");

        using var dutch = new CultureScope("nl-NL");
        var result = await MatchAsync(h, [customer], [ByName], dryRun: true);

        Assert.Equal("Geen enkele Dataverse-rij komt overeen op Naam.", result.Lines.Single().Reason);
    }

    private static MatchLine Line(MatchResult result, string no) =>
        result.Lines.Single(l => l.LocalDescription.StartsWith($"Customer {no} ", StringComparison.Ordinal));

    private static string IntegrationTextCaption(string field) => CouplingPortal.Core.MasterData.Validation.MasterDataText.FieldCaption(field);

    internal static Task<MatchResult> MatchAsync(IntegrationHarness h, IReadOnlyList<Guid> selection, IReadOnlyList<MatchCriterion> criteria, bool dryRun = false) =>
        h.Get<IMatchBasedCoupling>().RunAsync(new MatchRequest
        {
            MappingName = DefaultMappings.Customer, LocalSystemIds = selection, Criteria = criteria, DryRun = dryRun, CreateNewIfNoMatch = false,
        }, ct: Ct);

    internal static async Task<Guid> AddAccountAsync(IntegrationHarness h, string name, string? email = null, Guid? company = null, int type = 3)
    {
        var id = Guid.NewGuid();
        var row = new JsonObject { ["accountid"] = id.ToString("D"), ["name"] = name, ["emailaddress1"] = email, ["customertypecode"] = type, ["statecode"] = 0 };
        if (company is { } c)
            row["bcbi_companyid@odata.bind"] = $"/bcbi_companies({c:D})";
        await h.Emulator.Store.InsertDirectAsync("accounts", [row], Ct);
        return id;
    }

    internal static async Task<Guid> AddCustomerAsync(IntegrationHarness h, string no, string name, string? email = null)
    {
        await using var db = h.Db();
        var customer = new Customer { SystemId = Guid.NewGuid(), No = no, Name = name, Email = email ?? "" };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(Ct);
        return customer.SystemId;
    }

    internal static async Task AddCouplingAsync(IntegrationHarness h, Guid customer, Guid account, string mapping = DefaultMappings.Customer,
        LocalTable table = LocalTable.Customer, string dataverseTable = "account")
    {
        await using var db = h.Db();
        db.Couplings.Add(new Coupling
        {
            Id = Guid.NewGuid(), MappingName = mapping, LocalTable = table, LocalSystemId = customer,
            DataverseTable = dataverseTable, DataverseId = account, CoupledAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class SqliteMatchBasedCouplingTests(SqliteDatabaseFixture database) : MatchBasedCouplingTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresMatchBasedCouplingTests(PostgresDatabaseFixture database) : MatchBasedCouplingTests(database), IClassFixture<PostgresDatabaseFixture>;

using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.MasterData.Items;
using CouplingPortal.Core.Tests.Infrastructure;

namespace CouplingPortal.Core.Tests.Integration;

public sealed class IntegrationFilterTests
{
    private static readonly Guid CompanyId = Guid.Parse("0f6a3c1e-9b7d-4a52-8e11-3c2d4b5a6f70");

    // ---------- validation

    [Fact]
    public void LocalFilter_OnAnUnknownField_IsRefusedNamingTheField_InEnglishAndDutch()
    {
        var filter = new RecordFilter(new FilterCondition("Blokked", FilterOperator.Equal, "None"));

        using (new CultureScope("en-US"))
        {
            var error = Assert.Single(RecordFilterValidator.ValidateLocal(LocalTable.Customer, filter));
            Assert.Equal("Blokked", error.Field);
            Assert.Equal("Blokked is not a field of Customer; a table filter can only use the table's own fields.", error.Message);
        }
        using (new CultureScope("nl-NL"))
        {
            var error = Assert.Single(RecordFilterValidator.ValidateLocal(LocalTable.Customer, filter));
            Assert.Equal("Blokked is geen veld van Klant; een tabelfilter kan alleen velden van de tabel zelf gebruiken.", error.Message);
        }
    }

    [Fact]
    public void LocalFilter_WithAnOperatorThatDoesNotSuitTheFieldType_IsRefused_InEnglishAndDutch()
    {
        var filter = new RecordFilter(new FilterCondition(nameof(Item.Blocked), FilterOperator.Contains, "tr"));

        using (new CultureScope("en-US"))
            Assert.Equal("The operator 'contains' cannot be used on Blocked.", Assert.Single(RecordFilterValidator.ValidateLocal(LocalTable.Item, filter)).Message);
        using (new CultureScope("nl-NL"))
            Assert.Equal("De operator 'bevat' kan niet worden gebruikt voor Geblokkeerd.", Assert.Single(RecordFilterValidator.ValidateLocal(LocalTable.Item, filter)).Message);
    }

    [Fact]
    public void Filters_WithAnUndefinedOperator_ABadValue_OrAWrongValueCount_AreRefused()
    {
        var filter = new RecordFilter(
            new FilterCondition(nameof(Customer.Name), (FilterOperator)99, "x"),
            new FilterCondition(nameof(Customer.Blocked), FilterOperator.Equal, "Sometimes"),
            new FilterCondition(nameof(Customer.CreditLimitLcy), FilterOperator.GreaterThan, "1", "2"),
            new FilterCondition(nameof(Customer.City), FilterOperator.IsEmpty, "x"));

        using var _ = new CultureScope("en-US");
        var errors = RecordFilterValidator.ValidateLocal(LocalTable.Customer, filter);

        Assert.Equal([nameof(Customer.Name), nameof(Customer.Blocked), nameof(Customer.CreditLimitLcy), nameof(Customer.City)], errors.Select(e => e.Field));
        Assert.Equal("'Sometimes' is not a valid value for Blocked.", errors[1].Message);
    }

    [Fact]
    public void IntegrationFilter_OnAColumnTheTableDoesNotHave_IsRefused_InEnglishAndDutch()
    {
        var filter = new RecordFilter(new FilterCondition("customertypcode", FilterOperator.Equal, "3"));

        using (new CultureScope("en-US"))
            Assert.Equal("customertypcode is not a column of the Dataverse table account.", Assert.Single(RecordFilterValidator.ValidateIntegration("account", filter)).Message);
        using (new CultureScope("nl-NL"))
            Assert.Equal("customertypcode is geen kolom van de Dataverse-tabel account.", Assert.Single(RecordFilterValidator.ValidateIntegration("account", filter)).Message);
    }

    [Fact]
    public void IntegrationFilter_OnTheCompanyColumn_IsRefused_BecauseTheCompanyFilterOwnsIt()
    {
        var filter = new RecordFilter(new FilterCondition("bcbi_companyid", FilterOperator.IsEmpty));

        Assert.Single(RecordFilterValidator.ValidateIntegration("account", filter));
    }

    [Fact]
    public void IntegrationFilter_WithANonNumberOnAChoiceColumn_IsRefused()
    {
        var filter = new RecordFilter(new FilterCondition("statecode", FilterOperator.Equal, "Active"));

        Assert.Equal("statecode", Assert.Single(RecordFilterValidator.ValidateIntegration("account", filter)).Field);
    }

    [Fact]
    public void Filters_RoundTripThroughJson()
    {
        var filter = new RecordFilter(
            new FilterCondition(nameof(Customer.Blocked), FilterOperator.Equal, "None"),
            new FilterCondition(nameof(Customer.Name), FilterOperator.StartsWith, "O'Brien"));

        var json = filter.ToJson();

        Assert.Equal(filter, RecordFilter.FromJson(json));
        Assert.Contains("\"operator\":\"StartsWith\"", json);
        Assert.Equal("Blocked=None, Name=O'Brien*", filter.ToString());
    }

    // ---------- evaluation against local records

    [Theory]
    [InlineData(CustomerBlocked.None, true)]
    [InlineData(CustomerBlocked.Ship, false)]
    [InlineData(CustomerBlocked.All, false)]
    public void CustomerTableFilter_BlockedNone_PassesOnlyUnblockedCustomers(CustomerBlocked blocked, bool passes)
    {
        var filter = new RecordFilter(new FilterCondition(nameof(Customer.Blocked), FilterOperator.Equal, "None"));

        Assert.Equal(passes, LocalFilterEvaluator.Matches(LocalTable.Customer, filter, new Customer { Blocked = blocked }));
    }

    [Theory]
    [InlineData(ContactType.Person, "CT100", true)]
    [InlineData(ContactType.Person, "", false)]
    [InlineData(ContactType.Company, "CT100", false)]
    public void ContactTableFilter_NeedsAPersonWithACompany(ContactType type, string companyNo, bool passes)
    {
        var filter = new RecordFilter(
            new FilterCondition(nameof(Contact.Type), FilterOperator.Equal, "Person"),
            new FilterCondition(nameof(Contact.CompanyNo), FilterOperator.IsNotEmpty));

        Assert.Equal(passes, LocalFilterEvaluator.Matches(LocalTable.Contact, filter, new Contact { Type = type, CompanyNo = companyNo }));
    }

    [Fact]
    public void LocalEvaluation_ComparesTextIgnoringCase_NumbersByValue_AndEqualMeansAnyOfTheValues()
    {
        var customer = new Customer { City = "Amsterdam", CountryRegionCode = "NL", CreditLimitLcy = 1500m, Name = "O'Brien & Sons" };

        Assert.True(LocalFilterEvaluator.Matches(LocalTable.Customer, new RecordFilter(
            new FilterCondition(nameof(Customer.City), FilterOperator.Equal, "AMSTERDAM"),
            new FilterCondition(nameof(Customer.CountryRegionCode), FilterOperator.Equal, "BE", "nl"),
            new FilterCondition(nameof(Customer.CreditLimitLcy), FilterOperator.GreaterThan, "1000.5"),
            new FilterCondition(nameof(Customer.Name), FilterOperator.Contains, "o'brien")), customer));
        Assert.False(LocalFilterEvaluator.Matches(LocalTable.Customer, new RecordFilter(
            new FilterCondition(nameof(Customer.CreditLimitLcy), FilterOperator.LessThanOrEqual, "1499.99")), customer));
        Assert.False(LocalFilterEvaluator.Matches(LocalTable.Customer, new RecordFilter(
            new FilterCondition(nameof(Customer.CountryRegionCode), FilterOperator.NotEqual, "BE", "NL")), customer));
    }

    [Fact]
    public void LocalEvaluation_OfAnInvalidFilter_Throws()
    {
        var filter = new RecordFilter(new FilterCondition("Nope", FilterOperator.Equal, "x"));

        Assert.Throws<ArgumentException>(() => LocalFilterEvaluator.Matches(LocalTable.Customer, filter, new Customer()));
    }

    // ---------- translation to OData

    [Fact]
    public void CustomerIntegrationFilter_TranslatesToTypedLiterals_WithThisCompanyOrUnclaimed()
    {
        var filter = new RecordFilter(
            new FilterCondition("statecode", FilterOperator.Equal, "0"),
            new FilterCondition("customertypecode", FilterOperator.Equal, "3", "11"));

        var odata = IntegrationTableFilterTranslator.ToDataverseFilter("account", filter, CompanyFilter.ThisCompanyOrUnclaimed, CompanyId)!.ToODataString();

        Assert.Equal(
            "((statecode eq 0 and (customertypecode eq 3 or customertypecode eq 11)) and " +
            "(_bcbi_companyid_value eq 0f6a3c1e-9b7d-4a52-8e11-3c2d4b5a6f70 or _bcbi_companyid_value eq null))", odata);
    }

    [Fact]
    public void IntegrationFilter_EscapesQuotesAndWildcardsInValues()
    {
        var filter = new RecordFilter(
            new FilterCondition("name", FilterOperator.Equal, "O'Brien"),
            new FilterCondition("address1_city", FilterOperator.Contains, "50%_O'B"));

        var odata = IntegrationTableFilterTranslator.ToDataverseFilter("account", filter, CompanyFilter.None, Guid.Empty)!.ToODataString();

        Assert.Equal("(name eq 'O''Brien' and contains(address1_city,'50[%][_]O''B'))", odata);
    }

    [Fact]
    public void IntegrationFilter_OnLookupsAndBooleans_UsesValuePropertiesAndBareLiterals()
    {
        var contact = new RecordFilter(new FilterCondition("parentcustomerid", FilterOperator.IsNotEmpty));
        var users = new RecordFilter(
            new FilterCondition("isdisabled", FilterOperator.Equal, "false"),
            new FilterCondition("islicensed", FilterOperator.Equal, "True"));

        Assert.Equal("(_parentcustomerid_value ne null and _bcbi_companyid_value eq 0f6a3c1e-9b7d-4a52-8e11-3c2d4b5a6f70)",
            IntegrationTableFilterTranslator.ToDataverseFilter("contact", contact, CompanyFilter.ThisCompanyOnly, CompanyId)!.ToODataString());
        Assert.Equal("(isdisabled eq false and islicensed eq true)",
            IntegrationTableFilterTranslator.ToDataverseFilter("systemuser", users, CompanyFilter.None, Guid.Empty)!.ToODataString());
    }

    [Fact]
    public void IntegrationFilter_WithNothingToFilter_IsNull_AndACompanyFilterOnAnUnscopedTable_Throws()
    {
        Assert.Null(IntegrationTableFilterTranslator.ToDataverseFilter("transactioncurrency", RecordFilter.Empty, CompanyFilter.None, Guid.Empty));
        Assert.Throws<ArgumentException>(() =>
            IntegrationTableFilterTranslator.ToDataverseFilter("transactioncurrency", RecordFilter.Empty, CompanyFilter.ThisCompanyOrUnclaimed, CompanyId));
        Assert.Throws<ArgumentException>(() =>
            IntegrationTableFilterTranslator.ToDataverseFilter("account", new RecordFilter(new FilterCondition("nope", FilterOperator.IsEmpty)), CompanyFilter.None, Guid.Empty));
    }
}

using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CouplingPortal.Core.Integration.DefaultSetup;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.DataverseEmulator;

namespace CouplingPortal.Core.Tests.Integration;

/// <summary>The default mapping definitions, checked against the entities and against the emulator's $metadata.</summary>
public sealed class DefaultMappingsTests
{
    private static readonly Guid CompanyId = Guid.Parse("6c1b0f4e-2d3a-4e5f-8a9b-0c1d2e3f4a5b");
    private static readonly IReadOnlyList<IntegrationTableMapping> Defaults = DefaultMappings.Create(CompanyId);

    private static IntegrationTableMapping Get(string name) => Defaults.Single(m => m.Name == name);

    [Fact]
    public void EveryDefaultFieldMapping_NamesARealPropertyOfItsLocalTable()
    {
        var fields = Defaults.SelectMany(m => m.FieldMappings.Where(f => f.LocalField is not null).Select(f => (m.LocalTable, Field: f.LocalField!))).ToList();

        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.True(LocalTables.Field(f.LocalTable, f.Field) is not null, $"{f.LocalTable} has no property {f.Field}."));
    }

    [Fact]
    public async Task EveryDefaultColumn_AndEveryColumnTheModelKnows_ExistsInTheEmulatorsMetadata_WithAMatchingType()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await DataverseEmulatorHost.StartAsync(new DataverseEmulatorOptions { Store = "Memory", SeedDemoData = false }, ct: ct);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.WebApiUrl, "$metadata"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "test");
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var csdl = XDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var edmTypes = csdl.Descendants().Where(e => e.Name.LocalName == "EntityType").ToDictionary(
            e => (string)e.Attribute("Name")!,
            e => e.Elements().Where(p => p.Name.LocalName == "Property").ToDictionary(p => (string)p.Attribute("Name")!, p => (string)p.Attribute("Type")!));

        var used = Defaults.SelectMany(m => m.FieldMappings.Where(f => f.DataverseColumn is not null).Select(f => (m.DataverseTable, Column: f.DataverseColumn!))
            .Concat(m.IntegrationTableFilter.Conditions.Select(c => (m.DataverseTable, Column: c.Field)))).Distinct().ToList();
        Assert.All(used, u => Assert.True(DataverseSchema.Column(u.DataverseTable, u.Column) is not null, $"{u.DataverseTable}.{u.Column} is not in DataverseSchema."));

        foreach (var table in DataverseSchema.TableNames)
        {
            Assert.True(edmTypes.TryGetValue(table, out var properties), $"The emulator has no table {table}.");
            foreach (var column in DataverseSchema.Columns(table))
            {
                Assert.True(properties.TryGetValue(column.PropertyName, out var edm), $"The emulator's {table} has no property {column.PropertyName}.");
                Assert.Equal(ExpectedEdmType(column.Type), edm);
            }
        }
    }

    [Theory]
    [InlineData("CUSTOMER", 3)]
    [InlineData("VENDOR", 11)]
    public async Task AccountIntegrationFilter_IsAcceptedByTheEmulator_AndReturnsExactlyThisCompanysOrUnclaimedActiveRowsOfTheType(string mappingName, int typeCode)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var emulator = await DataverseEmulatorHost.StartAsync(new DataverseEmulatorOptions { Store = "Memory", SeedDemoData = true }, ct: ct);
        using var http = new HttpClient { BaseAddress = emulator.WebApiUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test");
        async Task<JsonArray> Get(string query) =>
            JsonNode.Parse(await http.GetStringAsync(query, ct))!["value"]!.AsArray();
        var companyId = (Guid)(await Get("bcbi_companies?$select=bcbi_companyid&$filter=" + Uri.EscapeDataString("bcbi_name eq 'CRONUS'")))[0]!["bcbi_companyid"]!;
        var mapping = DefaultMappings.Create(companyId).Single(m => m.Name == mappingName);
        const string select = "$select=name,statecode,customertypecode,_bcbi_companyid_value";
        var all = await Get("accounts?" + select);
        var expected = all.Where(a => (int)a!["statecode"]! == 0 && (int?)a["customertypecode"] == typeCode
                && (a["_bcbi_companyid_value"] is null || (Guid)a["_bcbi_companyid_value"]! == companyId))
            .Select(a => (string)a!["name"]!).Order().ToList();

        var filter = IntegrationTableFilterTranslator.ToDataverseFilter(mapping)!.ToODataString();
        var filtered = await Get("accounts?" + select + "&$filter=" + Uri.EscapeDataString(filter));

        Assert.NotEmpty(expected);
        Assert.True(expected.Count < all.Count);
        Assert.Equal(expected, filtered.Select(a => (string)a!["name"]!).Order());
    }

    private static string ExpectedEdmType(DataverseColumnType type) => type switch
    {
        DataverseColumnType.String => "Edm.String",
        DataverseColumnType.Integer => "Edm.Int32",
        DataverseColumnType.Decimal => "Edm.Decimal",
        DataverseColumnType.Boolean => "Edm.Boolean",
        DataverseColumnType.DateTime => "Edm.DateTimeOffset",
        _ => "Edm.Guid",
    };

    [Fact]
    public void EveryDefaultMapping_PassesMappingValidation()
    {
        var names = Defaults.Select(m => m.Name).ToList();

        Assert.All(Defaults, m => Assert.Empty(IntegrationMappingValidator.Validate(m, names)));
    }

    [Fact]
    public void Defaults_HaveBusinessCentralsNamesTablesAndDirections()
    {
        var expected = new (string Name, LocalTable Table, string Dataverse, SyncDirection Direction, MappingKind Kind)[]
        {
            ("SALESPEOPLE", LocalTable.SalespersonPurchaser, "systemuser", SyncDirection.FromIntegrationTable, MappingKind.Table),
            ("CURRENCY", LocalTable.Currency, "transactioncurrency", SyncDirection.ToIntegrationTable, MappingKind.Table),
            ("PAYMENT TERMS", LocalTable.PaymentTerms, "account", SyncDirection.ToIntegrationTable, MappingKind.Option),
            ("SHIPMENT METHOD", LocalTable.ShipmentMethod, "account", SyncDirection.ToIntegrationTable, MappingKind.Option),
            ("SHIPPING AGENT", LocalTable.ShippingAgent, "account", SyncDirection.ToIntegrationTable, MappingKind.Option),
            ("CUSTOMER", LocalTable.Customer, "account", SyncDirection.Bidirectional, MappingKind.Table),
            ("VENDOR", LocalTable.Vendor, "account", SyncDirection.Bidirectional, MappingKind.Table),
            ("CONTACT", LocalTable.Contact, "contact", SyncDirection.Bidirectional, MappingKind.Table),
            ("ITEM-PRODUCT", LocalTable.Item, "product", SyncDirection.Bidirectional, MappingKind.Table),
            ("RESOURCE-PRODUCT", LocalTable.Resource, "product", SyncDirection.Bidirectional, MappingKind.Table),
        };

        Assert.Equal(expected, Defaults.Select(m => (m.Name, m.LocalTable, m.DataverseTable, m.Direction, m.Kind)));
        Assert.Equal(["paymenttermscode", "address1_freighttermscode", "address1_shippingmethodcode"],
            Defaults.Where(m => m.Kind == MappingKind.Option).Select(m => m.DataverseOptionColumn));
        Assert.All(Defaults, m => Assert.True(m.SynchOnlyCoupledRecords));
    }

    [Fact]
    public void AccountAndProductMappings_FilterOnBusinessCentralsTypeCodesActiveStateAndThisCompany()
    {
        Assert.Equal("statecode=0, customertypecode=3", Get("CUSTOMER").IntegrationTableFilter.ToString());
        Assert.Equal("statecode=0, customertypecode=11", Get("VENDOR").IntegrationTableFilter.ToString());
        Assert.Equal("producttypecode=1, statecode=0", Get("ITEM-PRODUCT").IntegrationTableFilter.ToString());
        Assert.Equal("producttypecode=3, statecode=0", Get("RESOURCE-PRODUCT").IntegrationTableFilter.ToString());
        Assert.Equal("parentcustomerid<>'', statecode=0", Get("CONTACT").IntegrationTableFilter.ToString());
        Assert.Equal("isdisabled=false, islicensed=true, isintegrationuser=false", Get("SALESPEOPLE").IntegrationTableFilter.ToString());
        Assert.Equal("Blocked=None", Get("CUSTOMER").TableFilter.ToString());
        Assert.Equal("Blocked=None", Get("VENDOR").TableFilter.ToString());
        Assert.Equal("Type=Person, CompanyNo<>''", Get("CONTACT").TableFilter.ToString());
        Assert.Equal("Blocked=false", Get("ITEM-PRODUCT").TableFilter.ToString());

        Assert.Equal(["CUSTOMER", "VENDOR", "CONTACT", "ITEM-PRODUCT", "RESOURCE-PRODUCT"],
            Defaults.Where(m => m.CompanyFilter == CompanyFilter.ThisCompanyOrUnclaimed).Select(m => m.Name));
        Assert.All(Defaults, m => Assert.Equal(CompanyId, m.CompanyId == Guid.Empty ? CompanyId : m.CompanyId));
        Assert.Equal(
            $"((statecode eq 0 and customertypecode eq 3) and (_bcbi_companyid_value eq {CompanyId:D} or _bcbi_companyid_value eq null))",
            IntegrationTableFilterTranslator.ToDataverseFilter(Get("CUSTOMER"))!.ToODataString());
    }

    [Fact]
    public void Defaults_HaveBusinessCentralsDependenciesAndRecurrence()
    {
        Assert.Equal(["SALESPEOPLE", "CURRENCY", "PAYMENT TERMS", "SHIPMENT METHOD", "SHIPPING AGENT"], Get("CUSTOMER").Dependencies);
        Assert.Equal(Get("CUSTOMER").Dependencies, Get("VENDOR").Dependencies);
        Assert.Equal(["CUSTOMER", "VENDOR"], Get("CONTACT").Dependencies);
        Assert.All(Defaults, m => Assert.Equal(30, m.RecurrenceIntervalMinutes));
        Assert.Equal(1440, Get("SALESPEOPLE").InactivityTimeoutMinutes);
        Assert.Equal(1440, Get("ITEM-PRODUCT").InactivityTimeoutMinutes);
        Assert.Equal(1440, Get("PAYMENT TERMS").InactivityTimeoutMinutes);
        Assert.Equal(720, Get("CUSTOMER").InactivityTimeoutMinutes);
        Assert.True(Get("CURRENCY").CreateNewInCaseOfNoMatch && Get("CURRENCY").SynchronizeAfterMatchBasedCoupling);
        Assert.False(Get("SALESPEOPLE").CreateNewInCaseOfNoMatch);
    }

    [Fact]
    public void CustomerFieldMappings_AreBusinessCentrals_WithLookupsThroughCouplingsAndDisabledExtras()
    {
        var fields = Get("CUSTOMER").FieldMappings;
        IntegrationFieldMapping Field(string column) => fields.Single(f => f.DataverseColumn == column);

        Assert.Equal(("Name", SyncDirection.Bidirectional), (Field("name").LocalField, Field("name").Direction));
        Assert.Equal((SyncDirection.ToIntegrationTable, FieldMappingStatus.Enabled), (Field("creditlimit").Direction, Field("creditlimit").Status));
        Assert.False(Field("address1_country").ValidateField);
        Assert.Equal((LookupTranslation.Coupling, "CURRENCY"), (Field("transactioncurrencyid").LookupTranslation, Field("transactioncurrencyid").TranslationMappingName));
        Assert.Equal((LookupTranslation.Coupling, "CONTACT", true), (Field("primarycontactid").LookupTranslation, Field("primarycontactid").TranslationMappingName, Field("primarycontactid").ClearValueOnFailedSync));
        Assert.Equal(("SalespersonCode", "SALESPEOPLE", true, SyncDirection.ToIntegrationTable), (Field("ownerid").LocalField, Field("ownerid").TranslationMappingName, Field("ownerid").NotNull, Field("ownerid").Direction));
        Assert.Equal((LookupTranslation.OptionCoupling, "PAYMENT TERMS"), (Field("paymenttermscode").LookupTranslation, Field("paymenttermscode").TranslationMappingName));
        Assert.Equal((FieldMappingStatus.Disabled, SyncDirection.ToIntegrationTable), (Field("accountnumber").Status, Field("accountnumber").Direction));
        Assert.Equal(FieldMappingStatus.Disabled, Field("telephone2").Status);
        Assert.Equal(("3", true, null), (Field("customertypecode").ConstantValue, Field("customertypecode").ConstantOnInsertOnly, Field("customertypecode").LocalField));

        var vendor = Get("VENDOR").FieldMappings;
        Assert.DoesNotContain(vendor, f => f.DataverseColumn == "creditlimit");
        Assert.Equal("PurchaserCode", vendor.Single(f => f.DataverseColumn == "ownerid").LocalField);
        Assert.Equal("11", vendor.Single(f => f.DataverseColumn == "customertypecode").ConstantValue);
    }

    [Fact]
    public void OtherFieldMappings_FollowBusinessCentral()
    {
        var contact = Get("CONTACT").FieldMappings;
        Assert.Equal(LookupTranslation.ParentAccountFromBusinessRelation, contact.Single(f => f.DataverseColumn == "parentcustomerid").LookupTranslation);
        Assert.Equal(("Person", SyncDirection.FromIntegrationTable), contact.Where(f => f.LocalField == "Type").Select(f => (f.ConstantValue!, f.Direction)).Single());

        var item = Get("ITEM-PRODUCT").FieldMappings;
        Assert.Equal(FieldTransformation.NegativeToZero, item.Single(f => f.DataverseColumn == "quantityonhand").Transformation);
        Assert.Equal(["standardcost", "currentcost"], item.Where(f => f.LocalField == "UnitCost").Select(f => f.DataverseColumn));
        Assert.Equal(SyncDirection.Bidirectional, item.Single(f => f.DataverseColumn == "name").Direction);

        var currency = Get("CURRENCY").FieldMappings;
        Assert.Equal(["Code"], currency.Where(f => f.UseForMatchBasedCoupling).Select(f => f.LocalField));
        Assert.All(Get("SALESPEOPLE").FieldMappings, f => Assert.Equal(SyncDirection.FromIntegrationTable, f.Direction));
        Assert.All(Defaults.SelectMany(m => m.FieldMappings), f => Assert.Equal(f.MappingName, Defaults.Single(m => m.FieldMappings.Contains(f)).Name));
    }
}

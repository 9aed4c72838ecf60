using CouplingPortal.Core.Connection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Tests.Infrastructure;
using CouplingPortal.Dataverse.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CouplingPortal.Core.Tests.Connection;

/// <summary>The connection setup on each provider's real database: one row, validated, and the state that follows it.</summary>
public abstract class DataverseConnectionServiceTests(DatabaseFixture database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceProvider Services(IReadOnlyDictionary<string, string?> settings, IDictionary<string, string?>? extra = null,
        TimeProvider? clock = null)
    {
        var all = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            all[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        if (clock is not null)
            services.AddSingleton(clock);
        return services.AddCouplingCore(configuration).AddDataverseConnection(configuration).BuildServiceProvider();
    }

    private static DataverseConnectionInput Valid(string url = "https://contoso.crm4.dynamics.com/") => new()
    {
        EnvironmentUrl = url,
        TenantId = "11111111-2222-3333-4444-555555555555",
        ClientId = "66666666-7777-8888-9999-000000000000",
        ClientSecretReference = "DATAVERSE_CLIENT_SECRET",
        CompanyId = "3c2a1b4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        CompanyName = "CRONUS",
        IsEnabled = true,
    };

    private static async Task<List<DataverseConnectionSetup>> RowsAsync(ServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        return await db.DataverseConnectionSetup.AsNoTracking().ToListAsync(Ct);
    }

    [Fact]
    public async Task EnablingTheConnection_CreatesTheDefaultMappingsOnce_AndLaterSavesKeepAdminChanges()
    {
        var settings = await database.CreateScratchDatabaseAsync();
        await using var services = Services(settings);
        await services.InitializeDatabaseAsync(Ct);
        var connection = services.GetRequiredService<DataverseConnectionService>();
        var disabled = Valid();
        disabled.IsEnabled = false;
        Assert.True((await connection.SaveAsync(disabled, Ct)).Saved);
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
            Assert.False(await db.IntegrationTableMappings.AnyAsync(Ct));

        Assert.True((await connection.SaveAsync(Valid(), Ct)).Saved);
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct))
        {
            var customer = await db.IntegrationTableMappings.SingleAsync(m => m.Name == "CUSTOMER", Ct);
            Assert.Equal(Guid.Parse(Valid().CompanyId), customer.CompanyId);
            customer.RecurrenceIntervalMinutes = 5;
            await db.SaveChangesAsync(Ct);
        }
        Assert.True((await connection.SaveAsync(Valid(), Ct)).Saved);

        await using var check = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal(10, await check.IntegrationTableMappings.CountAsync(Ct));
        Assert.Equal(5, (await check.IntegrationTableMappings.SingleAsync(m => m.Name == "CUSTOMER", Ct)).RecurrenceIntervalMinutes);
    }

    [Fact]
    public async Task SavingTwice_KeepsOneRow_WithTheLatestValues_AndTheStateFollows()
    {
        var settings = await database.CreateScratchDatabaseAsync();
        await using var services = Services(settings);
        await services.InitializeDatabaseAsync(Ct);
        var connection = services.GetRequiredService<DataverseConnectionService>();
        var state = services.GetRequiredService<DataverseConnectionState>();
        Assert.False(await state.IsEnabledAsync(Ct));

        Assert.True((await connection.SaveAsync(Valid(), Ct)).Saved);
        Assert.True(await state.IsEnabledAsync(Ct));
        var second = Valid("https://fabrikam.crm4.dynamics.com");
        second.IsEnabled = false;
        Assert.True((await connection.SaveAsync(second, Ct)).Saved);

        var row = Assert.Single(await RowsAsync(services));
        Assert.Equal("https://fabrikam.crm4.dynamics.com", row.EnvironmentUrl);
        Assert.False(row.IsEnabled);
        Assert.NotNull(row.ModifiedAt);
        Assert.False(await state.IsEnabledAsync(Ct));
        await using var restarted = Services(settings);
        Assert.Equal("https://fabrikam.crm4.dynamics.com", (await restarted.GetRequiredService<DataverseConnectionService>().GetAsync(Ct)).EnvironmentUrl);
        Assert.False(await restarted.GetRequiredService<DataverseConnectionState>().IsEnabledAsync(Ct));
    }

    [Theory]
    [InlineData(nameof(DataverseConnectionInput.EnvironmentUrl), "ftp://contoso.example/", "ConnectionUrlInvalid")]
    [InlineData(nameof(DataverseConnectionInput.EnvironmentUrl), "", "ConnectionUrlRequired")]
    [InlineData(nameof(DataverseConnectionInput.TenantId), "1234", "ConnectionGuidInvalid")]
    [InlineData(nameof(DataverseConnectionInput.ClientId), "{not-a-guid}", "ConnectionGuidInvalid")]
    [InlineData(nameof(DataverseConnectionInput.ClientSecretReference), "Zx9 secret value!", "ConnectionSecretReferenceInvalid")]
    [InlineData(nameof(DataverseConnectionInput.CompanyId), "CRONUS", "ConnectionGuidInvalid")]
    [InlineData(nameof(DataverseConnectionInput.CompanyName), "", "ConnectionCompanyNameRequired")]
    public async Task InvalidInput_IsRefusedWithAFieldError_AndSavesNothing(string field, string value, string expectedKey)
    {
        await using var services = Services(await database.CreateScratchDatabaseAsync());
        await services.InitializeDatabaseAsync(Ct);
        var input = Valid();
        typeof(DataverseConnectionInput).GetProperty(field)!.SetValue(input, value);

        var result = await services.GetRequiredService<DataverseConnectionService>().SaveAsync(input, Ct);

        Assert.False(result.Saved);
        Assert.Equal(expectedKey, result.Errors[field]);
        Assert.Empty(await RowsAsync(services));
    }

    [Fact]
    public async Task EmbeddedEmulator_PrefillsAnEnabledSetupOnce_ThenOnlyItsUrlFollowsTheEmulator()
    {
        await using var services = Services(await database.CreateScratchDatabaseAsync());
        await services.InitializeDatabaseAsync(Ct);
        var connection = services.GetRequiredService<DataverseConnectionService>();

        await connection.UseEmbeddedEmulatorAsync(new Uri("http://127.0.0.1:40001/"), Ct);
        var first = await connection.GetAsync(Ct);
        first.IsEnabled = false;
        first.CompanyName = "CRONUS BE";
        Assert.True((await connection.SaveAsync(first, Ct)).Saved);
        await connection.UseEmbeddedEmulatorAsync(new Uri("http://127.0.0.1:40002/"), Ct);

        var row = Assert.Single(await RowsAsync(services));
        Assert.Equal("http://127.0.0.1:40002/", row.EnvironmentUrl);
        Assert.False(row.IsEnabled);
        Assert.Equal("CRONUS BE", row.CompanyName);
        Assert.Equal(DataverseConnectionSetup.DefaultCompanyId, row.CompanyId);
    }

    [Fact]
    public async Task AnotherInstancesSave_OfTheEnabledSwitch_IsSeenOnceTheShortCacheHasPassed()
    {
        var settings = await database.CreateScratchDatabaseAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        await using var reader = Services(settings, clock: clock);
        await reader.InitializeDatabaseAsync(Ct);
        await using var writer = Services(settings, clock: clock);
        Assert.True((await writer.GetRequiredService<DataverseConnectionService>().SaveAsync(Valid(), Ct)).Saved);
        var state = reader.GetRequiredService<DataverseConnectionState>();
        Assert.True(await state.IsEnabledAsync(Ct));

        var disabled = Valid();
        disabled.IsEnabled = false;
        Assert.True((await writer.GetRequiredService<DataverseConnectionService>().SaveAsync(disabled, Ct)).Saved);
        var withinCache = await state.IsEnabledAsync(Ct);
        clock.Advance(DataverseConnectionState.CacheFor);

        Assert.True(withinCache);
        Assert.False(await state.IsEnabledAsync(Ct));
    }

    [Fact]
    public async Task SavedSetup_PointsTheSharedEndpointAtItsEnvironment_OnSaveAndAtStartUp_OverTheConfiguredOne()
    {
        var settings = await database.CreateScratchDatabaseAsync();
        var configured = new Dictionary<string, string?>
        {
            ["Dataverse:EnvironmentUrl"] = "https://configured.crm4.dynamics.com/",
            ["Dataverse:StaticAccessToken"] = "configured-token",
        };
        await using (var first = Services(settings, configured))
        {
            await first.InitializeDatabaseAsync(Ct);
            Assert.Equal("https://configured.crm4.dynamics.com/", first.GetRequiredService<DataverseEndpoint>().EnvironmentUrl.AbsoluteUri);
            Assert.True((await first.GetRequiredService<DataverseConnectionService>().SaveAsync(Valid("https://contoso.crm4.dynamics.com"), Ct)).Saved);
            var app = first.GetRequiredService<DataverseEndpoint>().AppRegistration;
            Assert.Equal("https://contoso.crm4.dynamics.com/", first.GetRequiredService<DataverseEndpoint>().EnvironmentUrl.AbsoluteUri);
            Assert.Equal(("11111111-2222-3333-4444-555555555555", "66666666-7777-8888-9999-000000000000", "DATAVERSE_CLIENT_SECRET"),
                (app?.TenantId, app?.ClientId, app?.SecretReference));
        }

        await using var restarted = Services(settings, configured);
        var endpoint = restarted.GetRequiredService<DataverseEndpoint>();
        Assert.Equal("https://configured.crm4.dynamics.com/", endpoint.EnvironmentUrl.AbsoluteUri);
        await restarted.GetRequiredService<DataverseConnectionService>().ApplySavedSetupAsync(Ct);

        Assert.Equal("https://contoso.crm4.dynamics.com/", endpoint.EnvironmentUrl.AbsoluteUri);
        Assert.Equal("66666666-7777-8888-9999-000000000000", endpoint.AppRegistration?.ClientId);
    }

    [Fact]
    public async Task EmbeddedEmulator_DoesNotOverwriteASetupSavedForAnotherEnvironment()
    {
        await using var services = Services(await database.CreateScratchDatabaseAsync());
        await services.InitializeDatabaseAsync(Ct);
        var connection = services.GetRequiredService<DataverseConnectionService>();
        var other = Valid("http://127.0.0.1:40009/");
        other.TenantId = "";
        other.ClientId = "";
        other.ClientSecretReference = "OTHER_EMULATOR_TOKEN";
        Assert.True((await connection.SaveAsync(other, Ct)).Saved);

        await connection.UseEmbeddedEmulatorAsync(new Uri("http://127.0.0.1:40002/"), Ct);

        Assert.Equal("http://127.0.0.1:40009/", Assert.Single(await RowsAsync(services)).EnvironmentUrl);
        Assert.Equal("http://127.0.0.1:40009/", services.GetRequiredService<DataverseEndpoint>().EnvironmentUrl.AbsoluteUri);
    }

    [Fact]
    public async Task BeforeTheFirstSave_TheSetupShowsTheConfiguredEnvironment_NotEnabled_AndNamesTheSecretKeyNotItsValue()
    {
        await using var services = Services(await database.CreateScratchDatabaseAsync(), new Dictionary<string, string?>
        {
            ["Dataverse:EnvironmentUrl"] = "https://contoso.crm4.dynamics.com/",
            ["Dataverse:TenantId"] = "11111111-2222-3333-4444-555555555555",
            ["Dataverse:ClientId"] = "66666666-7777-8888-9999-000000000000",
            ["Dataverse:ClientSecret"] = "configured-secret-value",
        });
        await services.InitializeDatabaseAsync(Ct);

        var input = await services.GetRequiredService<DataverseConnectionService>().GetAsync(Ct);

        Assert.Equal("https://contoso.crm4.dynamics.com/", input.EnvironmentUrl);
        Assert.Equal("66666666-7777-8888-9999-000000000000", input.ClientId);
        Assert.Equal("Dataverse:ClientSecret", input.ClientSecretReference);
        Assert.False(input.IsEnabled);
        Assert.Equal("CRONUS", input.CompanyName);
    }
}

public sealed class SqliteDataverseConnectionServiceTests(SqliteDatabaseFixture database)
    : DataverseConnectionServiceTests(database), IClassFixture<SqliteDatabaseFixture>;

public sealed class PostgresDataverseConnectionServiceTests(PostgresDatabaseFixture database)
    : DataverseConnectionServiceTests(database), IClassFixture<PostgresDatabaseFixture>;

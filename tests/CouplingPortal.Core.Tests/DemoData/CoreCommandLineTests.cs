using CouplingPortal.Core.DemoData;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CouplingPortal.Core.Tests.DemoData;

public sealed class CoreCommandLineTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GenerateCustomersOption_MigratesSeedsAndAddsThatManyCustomers()
    {
        await using var services = DatabaseFixture.BuildServices(await database.CreateScratchDatabaseAsync());
        var output = new StringWriter();

        var handled = await services.RunCommandLineAsync(["--urls", "http://127.0.0.1:0", "--generate-customers", "250"], output, Ct);

        Assert.True(handled);
        var customers = services.GetRequiredService<CustomerService>();
        Assert.NotNull(await customers.GetByNoAsync("10000", Ct));
        var generated = await customers.ListAsync(new ListRequest(0, 1, Search: DemoDataGenerator.CustomerNoPrefix + "000"), Ct);
        Assert.Equal(250, generated.TotalCount);
        Assert.Contains("Generated 250 customers", output.ToString());
    }

    [Fact]
    public async Task ArgumentsWithoutACoreCommand_AreLeftToTheHost()
    {
        await using var services = DatabaseFixture.BuildServices(database.Settings);

        Assert.False(await services.RunCommandLineAsync(["--urls", "http://127.0.0.1:0"], TextWriter.Null, Ct));
    }

    [Theory]
    [InlineData("--generate-customers")]
    [InlineData("--generate-customers", "many")]
    [InlineData("--generate-customers", "-5")]
    public async Task GenerateCustomersOption_WithoutAPositiveCount_FailsNamingTheOption(params string[] args)
    {
        await using var services = DatabaseFixture.BuildServices(database.Settings);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => services.RunCommandLineAsync(args, TextWriter.Null, Ct));

        Assert.Contains("--generate-customers", error.Message);
    }
}

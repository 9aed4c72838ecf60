using System.Globalization;
using Bunit;
using CouplingPortal.Core;
using CouplingPortal.Core.Connection;
using CouplingPortal.Web.Components.Shared;
using CouplingPortal.Web.Ui;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CouplingPortal.Web.Tests.Components;

/// <summary>
/// The one bUnit base for MudBlazor components: loose JS interop, MudBlazor services without transitions, the
/// popover/dialog/snackbar providers rendered, and the real Core services on a SQLite file of its own, migrated and
/// seeded with the CRONUS demo company.
/// </summary>
public abstract class PortalComponentTestContext : BunitContext, IAsyncLifetime
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "couplingportal-web-tests", Guid.NewGuid().ToString("N"));
    private readonly CultureInfo originalCulture = CultureInfo.CurrentCulture;
    private readonly CultureInfo originalUiCulture = CultureInfo.CurrentUICulture;

    protected PortalComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:DataFolder"] = dataFolder,
            })
            .Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging();
        Services.AddLocalization();
        Services.AddCouplingCore(configuration);
        // Cards and lists host the coupling actions: the guarded Dataverse client (disabled until a test connects it).
        Services.AddDataverseConnection(configuration);
        Services.AddScoped<CouplingPortal.Web.Components.Shared.Coupling.CouplingCardService>();
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.Duration = TimeSpan.Zero;
            options.PopoverOptions.Delay = TimeSpan.Zero;
        });
        Services.AddTransient<MudLocalizer, PortalMudLocalizer>();
        Services.AddScoped<OptionCaptions>();
        AddAuthorization().SetAuthorized("Demo Admin").SetRoles("Admin");
    }

    /// <summary>The popover provider (open menus and select lists render their items here).</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        await Services.InitializeDatabaseAsync(Xunit.TestContext.Current.CancellationToken);
        // Components render as on a live circuit (card actions are disabled while a page is only prerendered).
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Popovers = Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
    }

    /// <summary>Renders and formats in the given culture for the rest of the test.</summary>
    protected static void UseCulture(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        CultureInfo.CurrentCulture = originalCulture;
        CultureInfo.CurrentUICulture = originalUiCulture;
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }
}

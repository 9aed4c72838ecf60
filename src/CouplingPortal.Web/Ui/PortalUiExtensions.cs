using CouplingPortal.Web.Components;
using CouplingPortal.Web.Components.Shared;
using CouplingPortal.Web.RoleCenter;
using CouplingPortal.Web.SystemInformation;
using MudBlazor;
using MudBlazor.Services;

namespace CouplingPortal.Web.Ui;

public static class PortalUiExtensions
{
    public static WebApplicationBuilder AddPortalUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents();
        builder.Services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.VisibleStateDuration = 4000;
            config.SnackbarConfiguration.ShowCloseIcon = true;
        });
        builder.Services.AddTransient<MudLocalizer, PortalMudLocalizer>();
        builder.Services.AddScoped<OptionCaptions>();
        builder.Services.AddScoped<Components.Shared.Coupling.CouplingCardService>();
        builder.Services.AddScoped<RoleCenterService>();
        builder.Services.AddScoped<SystemInformationService>();
        builder.Services.AddScoped<Components.Pages.Integration.IntegrationAdminService>();
        builder.Services.AddScoped<Components.Pages.Dataverse.DataverseUiService>();
        return builder;
    }

    public static WebApplication MapPortalUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        Components.Pages.Dataverse.ExcelExportEndpoint.MapDataverseExcelExport(app);
        return app;
    }
}

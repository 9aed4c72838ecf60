using CouplingPortal.Core;
using CouplingPortal.Core.DemoData;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Web.Auth;
using CouplingPortal.Web.Hosting;
using CouplingPortal.Web.Localization;
using CouplingPortal.Web.Ui;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalConfiguration();
builder.AddPortalLogging();
builder.AddPortalHosting();
builder.Services.AddCouplingCore(builder.Configuration);
builder.Services.AddIntegrationScheduler();
builder.AddPortalDataverse();
builder.AddPortalAuth();
builder.AddPortalLocalization();
builder.AddPortalUi();

var app = builder.Build();

// --generate-customers N: Core generates the customers, and the process exits without serving.
if (await app.Services.RunCommandLineAsync(args))
{
    return;
}
await app.Services.InitializeDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}
app.UsePortalHttpsRedirection();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapPortalHealth();
app.MapPortalAuthEndpoints();
app.MapCultureEndpoint();
app.MapPortalUi();

await app.RunAsync();

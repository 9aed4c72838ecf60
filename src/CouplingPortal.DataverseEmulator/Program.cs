namespace CouplingPortal.DataverseEmulator;

/// <summary>Runs the emulator alone. Named, not top-level, so that the portal can reference this project.</summary>
internal static class EmulatorProgram
{
    private static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddDataverseEmulator(builder.Configuration);
        var port = builder.Configuration.GetValue<int?>($"{DataverseEmulatorOptions.SectionName}:Port") ?? 0;
        if (port > 0 && string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapDataverseEmulator();
        app.Run();
    }
}

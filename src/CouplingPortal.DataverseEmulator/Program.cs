namespace CouplingPortal.DataverseEmulator;

/// <summary>Runs the emulator alone. Named, not top-level, so that the portal can reference this project.</summary>
internal static class EmulatorProgram
{
    private static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/", () => "Dataverse emulator");
        app.Run();
    }
}

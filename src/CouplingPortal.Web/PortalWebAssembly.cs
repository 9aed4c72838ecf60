namespace CouplingPortal.Web;

/// <summary>
/// Names this assembly for <c>WebApplicationFactory&lt;PortalWebAssembly&gt;</c>: .NET 10 makes the top-level
/// <c>Program</c> public, and a test project that references two web apps would see two of them.
/// </summary>
public sealed class PortalWebAssembly;

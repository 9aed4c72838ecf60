using System.Reflection;
using System.Runtime.InteropServices;
using CouplingPortal.Core.Data;
using CouplingPortal.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Web.SystemInformation;

public sealed record SystemInformationSnapshot(
    string DatabaseProvider,
    string DatabaseVersion,
    string ApplicationVersion,
    string RuntimeVersion,
    string EnvironmentName,
    bool DevelopmentSignIn,
    DateTimeOffset ServerTime);

/// <summary>What an administrator checks first: which database the portal runs on, and which build.</summary>
public sealed class SystemInformationService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IHostEnvironment environment,
    PortalSignInMode signInMode,
    TimeProvider clock)
{
    public async Task<SystemInformationSnapshot> GetAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        string serverVersion;
        try
        {
            serverVersion = connection.ServerVersion;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        var provider = db.Database.IsNpgsql() ? "PostgreSQL" : db.Database.IsSqlite() ? "SQLite" : db.Database.ProviderName ?? "";
        var assembly = typeof(PortalWebAssembly).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "";
        return new SystemInformationSnapshot(provider, serverVersion, version, RuntimeInformation.FrameworkDescription,
            environment.EnvironmentName, signInMode.IsDevelopmentSignIn, clock.GetLocalNow());
    }
}

using CouplingPortal.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace CouplingPortal.Web.Hosting;

public static class PortalHostingExtensions
{
    private const string ConfigurationFileName = "appsettings.json";

    /// <summary>
    /// Loads the one appsettings.json from the application's base directory (the build copies it there), so the
    /// portal finds it whatever the working directory is. It takes the place of the content-root file in the
    /// default source order: environment variables and the command line still override it.
    /// </summary>
    public static WebApplicationBuilder AddPortalConfiguration(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var fromBaseDirectory = new JsonConfigurationSource
        {
            Path = ConfigurationFileName,
            Optional = false,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        var contentRootFile = sources.OfType<JsonConfigurationSource>()
            .FirstOrDefault(s => string.Equals(s.Path, ConfigurationFileName, StringComparison.OrdinalIgnoreCase));
        if (contentRootFile is null)
        {
            sources.Insert(0, fromBaseDirectory);
        }
        else
        {
            sources[sources.IndexOf(contentRootFile)] = fromBaseDirectory;
        }
        return builder;
    }

    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        var format = builder.Configuration[$"{PortalHostingOptions.SectionName}:{nameof(PortalHostingOptions.LogFormat)}"];
        if (string.Equals(format, "Json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        }
        return builder;
    }

    /// <summary>Host options, data protection and the health check.</summary>
    public static WebApplicationBuilder AddPortalHosting(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PortalHostingOptions.SectionName);
        builder.Services.AddOptions<PortalHostingOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var hosting = section.Get<PortalHostingOptions>() ?? new PortalHostingOptions();

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(hosting.ShutdownTimeoutSeconds));

        var keysFolder = ResolveKeysFolder(builder.Configuration, hosting);
        Directory.CreateDirectory(keysFolder);
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("CouplingPortal")
            .PersistKeysToFileSystem(new DirectoryInfo(keysFolder));
        if (!string.IsNullOrWhiteSpace(hosting.DataProtectionCertificatePath))
        {
            var certificatePath = Path.GetFullPath(hosting.DataProtectionCertificatePath, AppContext.BaseDirectory);
            if (!File.Exists(certificatePath))
            {
                throw new InvalidOperationException(
                    $"Hosting:DataProtectionCertificatePath names a file that does not exist: '{hosting.DataProtectionCertificatePath}'.");
            }
            dataProtection.ProtectKeysWithCertificate(
                System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                    certificatePath, hosting.DataProtectionCertificatePassword));
        }

        builder.Services.AddHealthChecks().AddCheck<PortalDatabaseHealthCheck>("database");
        return builder;
    }

    public static WebApplication UsePortalHttpsRedirection(this WebApplication app)
    {
        var hosting = app.Configuration.GetSection(PortalHostingOptions.SectionName).Get<PortalHostingOptions>() ?? new();
        if (hosting.UseHttpsRedirection)
        {
            if (!app.Environment.IsDevelopment())
            {
                app.UseHsts();
            }
            app.UseHttpsRedirection();
        }
        return app;
    }

    /// <summary>
    /// <c>/health</c> is the one endpoint open without sign-in: load balancers and container probes cannot sign in.
    /// That is acceptable only because the default response writer answers the bare status word (Healthy,
    /// Degraded, Unhealthy) and nothing else: no check names, exception texts, versions or connection details.
    /// Do not give it a detailed response writer.
    /// </summary>
    public static WebApplication MapPortalHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }

    /// <summary>Relative paths are taken from the application base directory, like Database:DataFolder.</summary>
    private static string ResolveKeysFolder(IConfiguration configuration, PortalHostingOptions hosting)
    {
        var folder = hosting.DataProtectionKeysFolder;
        if (string.IsNullOrWhiteSpace(folder))
        {
            var dataFolder = configuration[$"{DatabaseOptions.SectionName}:{nameof(DatabaseOptions.DataFolder)}"];
            folder = Path.Combine(string.IsNullOrWhiteSpace(dataFolder) ? "data" : dataFolder, "keys");
        }
        return Path.GetFullPath(folder, AppContext.BaseDirectory);
    }
}

using CouplingPortal.DataverseEmulator.Hosting;
using CouplingPortal.DataverseEmulator.SalesForm;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CouplingPortal.DataverseEmulator;

/// <summary>Registers and mounts the emulator, in its own host or inside the portal.</summary>
public static class DataverseEmulatorExtensions
{
    /// <summary>Binds the "DataverseEmulator" section (and/or applies <paramref name="configure"/>), validated on start.</summary>
    public static IServiceCollection AddDataverseEmulator(this IServiceCollection services, IConfiguration? configuration = null,
        Action<DataverseEmulatorOptions>? configure = null)
    {
        var options = services.AddOptions<DataverseEmulatorOptions>();
        if (configuration is not null) options.Bind(configuration.GetSection(DataverseEmulatorOptions.SectionName));
        if (configure is not null) options.Configure(configure);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DataverseEmulatorOptions>, DataverseEmulatorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new DataverseEmulatorEngine(
            sp.GetRequiredService<IOptions<DataverseEmulatorOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DataverseEmulatorEngine>>()));
        return services;
    }

    /// <summary>
    /// Maps the Web API at {pathPrefix}/api/data/v9.x/ and the Sales form pages at {pathPrefix}/main.aspx and {pathPrefix}/sales.
    /// The environment URL is then {host}{pathPrefix}/.
    /// </summary>
    public static IEndpointRouteBuilder MapDataverseEmulator(this IEndpointRouteBuilder endpoints, string pathPrefix = "")
    {
        var prefix = string.IsNullOrEmpty(pathPrefix) || pathPrefix == "/" ? "" : "/" + pathPrefix.Trim('/');
        var engine = endpoints.ServiceProvider.GetRequiredService<DataverseEmulatorEngine>();
        // The emulator checks its own bearer token (and opens the Sales form only on loopback), so a host's
        // authorization fallback policy (the portal's sign-in) must not apply to these endpoints.
        var group = endpoints.MapGroup(prefix).AllowAnonymous();
        group.Map("api/data/{version}/{**path}", context => engine.HandleApiAsync(context, prefix));
        group.Map("api/data/{version}", context => engine.HandleApiAsync(context, prefix));
        var pages = new SalesFormPages(engine);
        group.MapGet("main.aspx", context => pages.HandleAsync(context, prefix));
        group.MapGet("sales/{**path}", context => pages.HandleAsync(context, prefix));
        return endpoints;
    }
}

internal sealed class DataverseEmulatorOptionsValidator : IValidateOptions<DataverseEmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, DataverseEmulatorOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

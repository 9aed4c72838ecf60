using System.Globalization;
using System.Resources;

namespace CouplingPortal.Core.Integration.Jobs;

/// <summary>Job queue texts in English and Dutch (JobMessages*.resx beside this file), by UI culture.</summary>
public static class JobText
{
    private static readonly ResourceManager Messages =
        new("CouplingPortal.Core.Integration.Jobs.JobMessages", typeof(JobText).Assembly);

    /// <summary>BC's job queue description, e.g. "CUSTOMER - Dataverse synchronization job", in the current UI language.</summary>
    public static string Description(IntegrationJobKind kind, string mappingName) => Message("Description_" + kind, mappingName);

    internal static string Message(string key, params object?[] args) =>
        string.Format(CultureInfo.CurrentUICulture,
            Messages.GetString(key, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException($"Missing job message resource '{key}'."), args);
}

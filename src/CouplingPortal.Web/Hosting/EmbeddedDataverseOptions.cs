using System.ComponentModel.DataAnnotations;

namespace CouplingPortal.Web.Hosting;

/// <summary>
/// How the portal runs its own Dataverse emulator when Dataverse:EnvironmentUrl is empty; section "EmbeddedDataverse".
/// The emulator's own behaviour (seed, limits, faults, token) comes from the "DataverseEmulator" section.
/// </summary>
public sealed class EmbeddedDataverseOptions
{
    public const string SectionName = "EmbeddedDataverse";

    /// <summary>
    /// Sqlite (default): the emulator's rows live in dataverse-emulator.db in Database:DataFolder, so couplings made in
    /// the portal still point at existing rows after a restart. Memory: fresh demo rows on every start (tests).
    /// </summary>
    [RegularExpression("^(Sqlite|Memory)$", ErrorMessage = "EmbeddedDataverse:Store must be Sqlite or Memory.")]
    public string Store { get; set; } = "Sqlite";

    /// <summary>Loopback port of the emulator; 0 picks a free one at every start.</summary>
    [Range(0, 65535, ErrorMessage = "EmbeddedDataverse:Port must be between 0 and 65535.")]
    public int Port { get; set; }

    public const string SqliteFileName = "dataverse-emulator.db";
}

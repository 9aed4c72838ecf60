using System.Text.Json;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CouplingPortal.Core.Integration;

internal sealed class IntegrationTableMappingConfiguration : IEntityTypeConfiguration<IntegrationTableMapping>
{
    public void Configure(EntityTypeBuilder<IntegrationTableMapping> builder)
    {
        builder.ToTable("IntegrationTableMappings");
        builder.HasKey(e => e.Name);
        builder.Property(e => e.Name).HasMaxLength(IntegrationTableMapping.NameMaxLength);
        builder.Property(e => e.DataverseTable).HasMaxLength(64).IsRequired();
        builder.Property(e => e.DataverseOptionColumn).HasMaxLength(64);
        builder.Property(e => e.TableFilter).HasConversion(IntegrationModelConversions.Filter, IntegrationModelConversions.FilterComparer).IsRequired();
        builder.Property(e => e.IntegrationTableFilter).HasConversion(IntegrationModelConversions.Filter, IntegrationModelConversions.FilterComparer).IsRequired();
        // BC's Dependency Filter text, SALESPEOPLE|CURRENCY|…: readable in the database and in exports.
        builder.Property(e => e.Dependencies).HasConversion(IntegrationModelConversions.NameList, IntegrationModelConversions.NameListComparer)
            .HasMaxLength(250).IsRequired();
        builder.Property(e => e.DataverseDeltaLink).HasMaxLength(2048);
        builder.HasMany(e => e.FieldMappings).WithOne().HasForeignKey(f => f.MappingName).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.LocalTable, e.DataverseTable });
    }
}

internal sealed class IntegrationFieldMappingConfiguration : IEntityTypeConfiguration<IntegrationFieldMapping>
{
    public void Configure(EntityTypeBuilder<IntegrationFieldMapping> builder)
    {
        builder.ToTable("IntegrationFieldMappings");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.MappingName).HasMaxLength(IntegrationTableMapping.NameMaxLength).IsRequired();
        builder.Property(e => e.LocalField).HasMaxLength(64);
        builder.Property(e => e.DataverseColumn).HasMaxLength(64);
        builder.Property(e => e.ConstantValue).HasMaxLength(100);
        builder.Property(e => e.TranslationMappingName).HasMaxLength(IntegrationTableMapping.NameMaxLength);
        builder.HasIndex(e => new { e.MappingName, e.LineNo });
    }
}

internal static class CouplingSyncStateConfiguration
{
    public static void ConfigureSyncState<T>(this EntityTypeBuilder<T> builder) where T : CouplingSyncState
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.MappingName).HasMaxLength(IntegrationTableMapping.NameMaxLength).IsRequired();
        builder.Property(e => e.LastErrorToDataverse).HasMaxLength(2048);
        builder.Property(e => e.LastErrorFromDataverse).HasMaxLength(2048);
        // Restrict: a mapping with couplings is not deleted by accident ("Use Default Synchronization Setup" updates in place).
        builder.HasOne<IntegrationTableMapping>().WithMany().HasForeignKey(e => e.MappingName).OnDelete(DeleteBehavior.Restrict);
        // The Coupled Data Synchronization Errors page: skipped records per mapping.
        builder.HasIndex(e => new { e.MappingName, e.Skipped });
    }
}

internal sealed class CouplingConfiguration : IEntityTypeConfiguration<Coupling>
{
    public void Configure(EntityTypeBuilder<Coupling> builder)
    {
        builder.ToTable("Couplings");
        builder.ConfigureSyncState();
        builder.Property(e => e.DataverseTable).HasMaxLength(64).IsRequired();
        // One coupling per local record per table, and one per Dataverse row per Dataverse table (reference §7): the
        // database refuses a second one even when two jobs race.
        builder.HasIndex(e => new { e.LocalTable, e.LocalSystemId }).IsUnique();
        builder.HasIndex(e => new { e.DataverseTable, e.DataverseId }).IsUnique();
        // A scheduled run reads the couplings to retry first (failed and not skipped, or an insert never completed):
        // partial indexes hold only those few rows, so the read costs the same in a 1,000- and a 100,000-row table.
        // The filters are the engine's predicates as EF writes them (both providers quote and negate alike), so the
        // planners can prove the query implies them.
        builder.HasIndex(e => new { e.LocalTable, e.DataverseTable }, "IX_Couplings_RetryToDataverse")
            .HasFilter($"NOT (\"Skipped\") AND (\"LastResultToDataverse\" = {(int)SyncResult.Failure} OR \"DataverseCreatePending\")");
        builder.HasIndex(e => new { e.LocalTable, e.DataverseTable }, "IX_Couplings_RetryFromDataverse")
            .HasFilter($"NOT (\"Skipped\") AND \"LastResultFromDataverse\" = {(int)SyncResult.Failure}");
    }
}

internal sealed class OptionCouplingConfiguration : IEntityTypeConfiguration<OptionCoupling>
{
    public void Configure(EntityTypeBuilder<OptionCoupling> builder)
    {
        builder.ToTable("OptionCouplings");
        builder.ConfigureSyncState();
        builder.Property(e => e.DataverseTable).HasMaxLength(64).IsRequired();
        builder.Property(e => e.DataverseColumn).HasMaxLength(64).IsRequired();
        builder.Property(e => e.OptionLabel).HasMaxLength(250).IsRequired();
        builder.HasIndex(e => new { e.MappingName, e.LocalSystemId }).IsUnique();
        builder.HasIndex(e => new { e.MappingName, e.OptionValue }).IsUnique();
    }
}

internal sealed class IntegrationSynchJobConfiguration : IEntityTypeConfiguration<IntegrationSynchJob>
{
    public void Configure(EntityTypeBuilder<IntegrationSynchJob> builder)
    {
        builder.ToTable("IntegrationSynchJobs");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.MappingName).HasMaxLength(IntegrationTableMapping.NameMaxLength).IsRequired();
        builder.Property(e => e.Message).HasMaxLength(2048);
        builder.Property(e => e.RequestedBy).HasMaxLength(256).IsRequired();
        builder.Ignore(e => e.Duration);
        builder.HasMany(e => e.Errors).WithOne().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
        // Jobs newest first, overall and per mapping; the queue by status.
        builder.HasIndex(e => e.QueuedAt);
        builder.HasIndex(e => new { e.MappingName, e.QueuedAt });
        builder.HasIndex(e => new { e.Status, e.QueuedAt });
        builder.HasIndex(e => e.RequestId);
    }
}

internal sealed class IntegrationJobRequestConfiguration : IEntityTypeConfiguration<IntegrationJobRequest>
{
    public void Configure(EntityTypeBuilder<IntegrationJobRequest> builder)
    {
        builder.ToTable("IntegrationJobRequests");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.MappingName).HasMaxLength(IntegrationTableMapping.NameMaxLength).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(250).IsRequired();
        builder.Property(e => e.PayloadJson).IsRequired();
        builder.Property(e => e.RequestedBy).HasMaxLength(256).IsRequired();
        builder.Property(e => e.Message).HasMaxLength(2048);
        builder.Property(e => e.LeaseOwner).HasMaxLength(200);
        builder.Property(e => e.Version).IsConcurrencyToken();
        // The scheduler's question: which entries are due (Ready and NotBefore passed, or InProcess with an expired lease).
        builder.HasIndex(e => new { e.Status, e.NotBefore });
        builder.HasIndex(e => new { e.MappingName, e.Recurring });
    }
}

internal sealed class IntegrationSynchJobErrorConfiguration : IEntityTypeConfiguration<IntegrationSynchJobError>
{
    public void Configure(EntityTypeBuilder<IntegrationSynchJobError> builder)
    {
        builder.ToTable("IntegrationSynchJobErrors");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.SourceDescription).HasMaxLength(250).IsRequired();
        builder.Property(e => e.DestinationDescription).HasMaxLength(250).IsRequired();
        builder.Property(e => e.Message).HasMaxLength(250).IsRequired();
        builder.Property(e => e.Detail).IsRequired();
        builder.HasIndex(e => new { e.JobId, e.Id });
        // A coupling's latest error (card notification, skipped-records page).
        builder.HasIndex(e => new { e.SourceRecordId, e.OccurredAt });
    }
}

internal sealed class SyncRecordChangeConfiguration : IEntityTypeConfiguration<SyncRecordChange>
{
    public void Configure(EntityTypeBuilder<SyncRecordChange> builder)
    {
        builder.ToTable("SyncRecordChanges");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.MappingName).HasMaxLength(IntegrationTableMapping.NameMaxLength).IsRequired();
        builder.Property(e => e.Changes).HasConversion(IntegrationModelConversions.Changes, IntegrationModelConversions.ChangesComparer).IsRequired();
        builder.HasOne<IntegrationSynchJob>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.JobId);
        // A record's timeline, from either side.
        builder.HasIndex(e => new { e.LocalSystemId, e.OccurredAt });
        builder.HasIndex(e => new { e.DataverseId, e.OccurredAt });
    }
}

internal static class IntegrationModelConversions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<RecordFilter, string> Filter =
        new(f => f.ToJson(), s => RecordFilter.FromJson(s));

    public static readonly ValueComparer<RecordFilter> FilterComparer =
        new((a, b) => a!.ToJson() == b!.ToJson(), f => f.ToJson().GetHashCode(StringComparison.Ordinal), f => RecordFilter.FromJson(f.ToJson()));

    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<string>, string> NameList =
        new(l => string.Join('|', l), s => s.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList());

    public static readonly ValueComparer<List<string>> NameListComparer =
        new((a, b) => a!.SequenceEqual(b!), l => string.Join('|', l).GetHashCode(StringComparison.Ordinal), l => l.ToList());

    public static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<FieldChange>, string> Changes =
        new(l => JsonSerializer.Serialize(l, Json), s => JsonSerializer.Deserialize<List<FieldChange>>(s, Json) ?? new List<FieldChange>());

    public static readonly ValueComparer<List<FieldChange>> ChangesComparer =
        new((a, b) => a!.SequenceEqual(b!), l => l.Count, l => l.ToList());
}

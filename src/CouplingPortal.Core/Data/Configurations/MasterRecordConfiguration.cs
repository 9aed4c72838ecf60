using CouplingPortal.Core.MasterData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CouplingPortal.Core.Data.Configurations;

/// <summary>What every master-data table shares: SystemId as key, an index on SystemModifiedAt for the sync watermark.</summary>
internal static class MasterRecordConfiguration
{
    public static void ConfigureSystemFields<T>(this EntityTypeBuilder<T> builder) where T : MasterRecord
    {
        builder.HasKey(e => e.SystemId);
        // Generated on Add (client side) so several new records can be tracked at once; a preset SystemId is kept.
        builder.Property(e => e.SystemId).ValueGeneratedOnAdd();
        builder.HasIndex(e => e.SystemModifiedAt);
    }

    /// <summary>BC's Text/Code fields are never null; an empty string is "no value".</summary>
    public static PropertyBuilder<string> Text<T>(this EntityTypeBuilder<T> builder,
        System.Linq.Expressions.Expression<Func<T, string>> property, int maxLength) where T : class =>
        builder.Property(property).HasMaxLength(maxLength).IsRequired().HasDefaultValue("");
}

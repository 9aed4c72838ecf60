using CouplingPortal.Core.MasterData.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CouplingPortal.Core.Data.Configurations;

internal sealed class ResourceConfiguration : IEntityTypeConfiguration<Resource>
{
    public void Configure(EntityTypeBuilder<Resource> builder)
    {
        builder.ToTable("Resources");
        builder.ConfigureSystemFields();
        builder.Text(e => e.No, 20);
        builder.Text(e => e.Name, 100);
        builder.Text(e => e.BaseUnitOfMeasure, 10);
        builder.Text(e => e.VendorNo, 20);
        builder.Property(e => e.UnitPrice).HasPrecision(18, 5);
        builder.Property(e => e.UnitCost).HasPrecision(18, 5);
        builder.Property(e => e.Capacity).HasPrecision(18, 5);

        builder.HasIndex(e => e.No).IsUnique();
        builder.HasIndex(e => new { e.Name, e.No });
        builder.HasIndex(e => new { e.Blocked, e.No });
    }
}

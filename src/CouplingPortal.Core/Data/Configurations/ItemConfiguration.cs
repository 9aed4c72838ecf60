using CouplingPortal.Core.MasterData.Items;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CouplingPortal.Core.Data.Configurations;

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> builder)
    {
        builder.ToTable("Items");
        builder.ConfigureSystemFields();
        builder.Text(e => e.No, 20);
        builder.Text(e => e.Description, 100);
        builder.Text(e => e.BaseUnitOfMeasure, 10);
        builder.Text(e => e.VendorNo, 20);
        builder.Text(e => e.VendorItemNo, 50);
        builder.Property(e => e.UnitPrice).HasPrecision(18, 5);
        builder.Property(e => e.UnitCost).HasPrecision(18, 5);
        builder.Property(e => e.UnitVolume).HasPrecision(18, 5);
        builder.Property(e => e.GrossWeight).HasPrecision(18, 5);
        builder.Property(e => e.Inventory).HasPrecision(18, 5);

        builder.HasIndex(e => e.No).IsUnique();
        builder.HasIndex(e => new { e.Description, e.No });
        builder.HasIndex(e => new { e.Blocked, e.No });
    }
}

using CouplingPortal.Core.MasterData.Vendors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CouplingPortal.Core.Data.Configurations;

internal sealed class VendorConfiguration : IEntityTypeConfiguration<Vendor>
{
    public void Configure(EntityTypeBuilder<Vendor> builder)
    {
        builder.ToTable("Vendors");
        builder.ConfigureSystemFields();
        builder.Text(e => e.No, 20);
        builder.Text(e => e.Name, 100);
        builder.Text(e => e.Address, 100);
        builder.Text(e => e.Address2, 50);
        builder.Text(e => e.PostCode, 20);
        builder.Text(e => e.City, 30);
        builder.Text(e => e.County, 30);
        builder.Text(e => e.CountryRegionCode, 10);
        builder.Text(e => e.Contact, 100);
        builder.Text(e => e.PrimaryContactNo, 20);
        builder.Text(e => e.PhoneNo, 30);
        builder.Text(e => e.MobilePhoneNo, 30);
        builder.Text(e => e.FaxNo, 30);
        builder.Text(e => e.Email, 80);
        builder.Text(e => e.HomePage, 80);
        builder.Text(e => e.PurchaserCode, 20);
        builder.Text(e => e.CurrencyCode, 10);
        builder.Text(e => e.PaymentTermsCode, 10);
        builder.Text(e => e.ShipmentMethodCode, 10);
        builder.Text(e => e.ShippingAgentCode, 10);

        builder.HasIndex(e => e.No).IsUnique();
        builder.HasIndex(e => new { e.Name, e.No });
        builder.HasIndex(e => new { e.City, e.No });
        builder.HasIndex(e => new { e.Blocked, e.No });
    }
}

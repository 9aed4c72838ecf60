using CouplingPortal.Core.MasterData.Setup;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CouplingPortal.Core.Data.Configurations;

internal sealed class SalespersonPurchaserConfiguration : IEntityTypeConfiguration<SalespersonPurchaser>
{
    public void Configure(EntityTypeBuilder<SalespersonPurchaser> builder)
    {
        builder.ToTable("SalespeoplePurchasers");
        builder.ConfigureSystemFields();
        builder.Text(e => e.Code, 20);
        builder.Text(e => e.Name, 50);
        builder.Text(e => e.Email, 80);
        builder.Text(e => e.Email2, 80);
        builder.Text(e => e.PhoneNo, 30);
        builder.Text(e => e.JobTitle, 30);
        builder.HasIndex(e => e.Code).IsUnique();
    }
}

internal sealed class CurrencyConfiguration : IEntityTypeConfiguration<Currency>
{
    public void Configure(EntityTypeBuilder<Currency> builder)
    {
        builder.ToTable("Currencies");
        builder.ConfigureSystemFields();
        builder.Text(e => e.Code, 10);
        builder.Text(e => e.Description, 30);
        builder.Text(e => e.Symbol, 10);
        builder.HasIndex(e => e.Code).IsUnique();
    }
}

internal sealed class PaymentTermsConfiguration : IEntityTypeConfiguration<PaymentTerms>
{
    public void Configure(EntityTypeBuilder<PaymentTerms> builder)
    {
        builder.ToTable("PaymentTerms");
        builder.ConfigureSystemFields();
        builder.Text(e => e.Code, 10);
        builder.Text(e => e.Description, 100);
        builder.HasIndex(e => e.Code).IsUnique();
    }
}

internal sealed class ShipmentMethodConfiguration : IEntityTypeConfiguration<ShipmentMethod>
{
    public void Configure(EntityTypeBuilder<ShipmentMethod> builder)
    {
        builder.ToTable("ShipmentMethods");
        builder.ConfigureSystemFields();
        builder.Text(e => e.Code, 10);
        builder.Text(e => e.Description, 100);
        builder.HasIndex(e => e.Code).IsUnique();
    }
}

internal sealed class ShippingAgentConfiguration : IEntityTypeConfiguration<ShippingAgent>
{
    public void Configure(EntityTypeBuilder<ShippingAgent> builder)
    {
        builder.ToTable("ShippingAgents");
        builder.ConfigureSystemFields();
        builder.Text(e => e.Code, 10);
        builder.Text(e => e.Name, 50);
        builder.HasIndex(e => e.Code).IsUnique();
    }
}

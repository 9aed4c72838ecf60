using CouplingPortal.Core.MasterData.Contacts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CouplingPortal.Core.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("Contacts");
        builder.ConfigureSystemFields();
        builder.Text(e => e.No, 20);
        builder.Text(e => e.CompanyNo, 20);
        builder.Text(e => e.CompanyName, 100);
        builder.Text(e => e.Name, 100);
        builder.Text(e => e.FirstName, 30);
        builder.Text(e => e.MiddleName, 30);
        builder.Text(e => e.Surname, 30);
        builder.Text(e => e.JobTitle, 30);
        builder.Text(e => e.SalutationCode, 10);
        builder.Text(e => e.Address, 100);
        builder.Text(e => e.Address2, 50);
        builder.Text(e => e.PostCode, 20);
        builder.Text(e => e.City, 30);
        builder.Text(e => e.County, 30);
        builder.Text(e => e.CountryRegionCode, 10);
        builder.Text(e => e.PhoneNo, 30);
        builder.Text(e => e.MobilePhoneNo, 30);
        builder.Text(e => e.FaxNo, 30);
        builder.Text(e => e.Pager, 30);
        builder.Text(e => e.Email, 80);
        builder.Text(e => e.HomePage, 80);
        builder.Text(e => e.SalespersonCode, 20);
        builder.Text(e => e.CurrencyCode, 10);
        builder.Text(e => e.BusinessRelationNo, 20);

        builder.HasIndex(e => e.No).IsUnique();
        builder.HasIndex(e => new { e.Name, e.No });
        builder.HasIndex(e => new { e.CompanyNo, e.No });
        builder.HasIndex(e => new { e.City, e.No });
        builder.HasIndex(e => new { e.Type, e.No });
        builder.HasIndex(e => new { e.BusinessRelation, e.BusinessRelationNo });
    }
}

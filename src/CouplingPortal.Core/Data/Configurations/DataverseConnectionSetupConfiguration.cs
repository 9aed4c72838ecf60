using CouplingPortal.Core.Connection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CouplingPortal.Core.Data.Configurations;

internal sealed class DataverseConnectionSetupConfiguration : IEntityTypeConfiguration<DataverseConnectionSetup>
{
    public void Configure(EntityTypeBuilder<DataverseConnectionSetup> builder)
    {
        builder.ToTable("DataverseConnectionSetup", table =>
            table.HasCheckConstraint("CK_DataverseConnectionSetup_SingleRow", $"\"Id\" = {DataverseConnectionSetup.SingletonId}"));
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.EnvironmentUrl).HasMaxLength(DataverseConnectionService.MaxUrlLength).IsRequired();
        builder.Property(e => e.ClientSecretReference).HasMaxLength(DataverseConnectionService.MaxSecretReferenceLength).IsRequired();
        builder.Property(e => e.CompanyName).HasMaxLength(DataverseConnectionService.MaxCompanyNameLength).IsRequired();
    }
}

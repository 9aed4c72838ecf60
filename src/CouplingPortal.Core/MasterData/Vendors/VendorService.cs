using CouplingPortal.Core.Data;
using CouplingPortal.Core.MasterData.Setup;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.MasterData.Vendors;

public sealed class VendorService(IDbContextFactory<PortalDbContext> dbFactory) : MasterDataService<Vendor>(dbFactory)
{
    protected override IReadOnlyList<string> RequiredFields { get; } = [nameof(Vendor.No), nameof(Vendor.Name)];


    protected override async Task ValidateReferencesAsync(PortalDbContext db, Vendor entity, Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        await CheckCodeExistsAsync<SalespersonPurchaser>(db, nameof(Vendor.PurchaserCode), entity.PurchaserCode, errors, ct);
        await CheckCodeExistsAsync<Currency>(db, nameof(Vendor.CurrencyCode), entity.CurrencyCode, errors, ct);
        await CheckCodeExistsAsync<PaymentTerms>(db, nameof(Vendor.PaymentTermsCode), entity.PaymentTermsCode, errors, ct);
        await CheckCodeExistsAsync<ShipmentMethod>(db, nameof(Vendor.ShipmentMethodCode), entity.ShipmentMethodCode, errors, ct);
        await CheckCodeExistsAsync<ShippingAgent>(db, nameof(Vendor.ShippingAgentCode), entity.ShippingAgentCode, errors, ct);
    }
}

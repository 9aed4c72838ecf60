using CouplingPortal.Core.Data;
using CouplingPortal.Core.MasterData.Setup;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.MasterData.Customers;

public sealed class CustomerService(IDbContextFactory<PortalDbContext> dbFactory) : MasterDataService<Customer>(dbFactory)
{
    protected override IReadOnlyList<string> RequiredFields { get; } = [nameof(Customer.No), nameof(Customer.Name)];


    protected override async Task ValidateReferencesAsync(PortalDbContext db, Customer entity, Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        await CheckCodeExistsAsync<SalespersonPurchaser>(db, nameof(Customer.SalespersonCode), entity.SalespersonCode, errors, ct);
        await CheckCodeExistsAsync<Currency>(db, nameof(Customer.CurrencyCode), entity.CurrencyCode, errors, ct);
        await CheckCodeExistsAsync<PaymentTerms>(db, nameof(Customer.PaymentTermsCode), entity.PaymentTermsCode, errors, ct);
        await CheckCodeExistsAsync<ShipmentMethod>(db, nameof(Customer.ShipmentMethodCode), entity.ShipmentMethodCode, errors, ct);
        await CheckCodeExistsAsync<ShippingAgent>(db, nameof(Customer.ShippingAgentCode), entity.ShippingAgentCode, errors, ct);
    }
}

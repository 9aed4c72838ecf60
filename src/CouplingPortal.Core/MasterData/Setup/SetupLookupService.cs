using CouplingPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.MasterData.Setup;

/// <summary>Code lists for card dropdowns. Setup tables are small, so they are read whole, ordered by code.</summary>
public sealed class SetupLookupService(IDbContextFactory<PortalDbContext> dbFactory)
{
    public Task<IReadOnlyList<LookupEntry>> GetCurrenciesAsync(CancellationToken ct = default) =>
        ReadAsync(db => db.Currencies.OrderBy(e => e.Code).Select(e => new LookupEntry(e.Code, e.Description)), ct);

    public Task<IReadOnlyList<LookupEntry>> GetSalespeoplePurchasersAsync(CancellationToken ct = default) =>
        ReadAsync(db => db.SalespeoplePurchasers.Where(e => !e.Blocked).OrderBy(e => e.Code).Select(e => new LookupEntry(e.Code, e.Name)), ct);

    public Task<IReadOnlyList<LookupEntry>> GetPaymentTermsAsync(CancellationToken ct = default) =>
        ReadAsync(db => db.PaymentTerms.OrderBy(e => e.Code).Select(e => new LookupEntry(e.Code, e.Description)), ct);

    public Task<IReadOnlyList<LookupEntry>> GetShipmentMethodsAsync(CancellationToken ct = default) =>
        ReadAsync(db => db.ShipmentMethods.OrderBy(e => e.Code).Select(e => new LookupEntry(e.Code, e.Description)), ct);

    public Task<IReadOnlyList<LookupEntry>> GetShippingAgentsAsync(CancellationToken ct = default) =>
        ReadAsync(db => db.ShippingAgents.OrderBy(e => e.Code).Select(e => new LookupEntry(e.Code, e.Name)), ct);

    private async Task<IReadOnlyList<LookupEntry>> ReadAsync(Func<PortalDbContext, IQueryable<LookupEntry>> query, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await query(db).ToListAsync(ct);
    }
}

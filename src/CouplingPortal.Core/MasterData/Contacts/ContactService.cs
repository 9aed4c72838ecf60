using CouplingPortal.Core.Data;
using CouplingPortal.Core.MasterData.Setup;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.MasterData.Contacts;

public sealed class ContactService(IDbContextFactory<PortalDbContext> dbFactory) : MasterDataService<Contact>(dbFactory)
{
    protected override IReadOnlyList<string> RequiredFields { get; } = [nameof(Contact.No), nameof(Contact.Name)];


    protected override void Complete(Contact entity)
    {
        // As in BC: a person's Name is built from its name parts when left empty; a company is its own company.
        if (entity.Type == ContactType.Person && entity.Name.Length == 0)
            entity.Name = string.Join(' ', new[] { entity.FirstName, entity.MiddleName, entity.Surname }.Where(p => p.Length > 0));
        if (entity.Type == ContactType.Company)
        {
            entity.CompanyNo = entity.No;
            entity.CompanyName = entity.Name;
        }
    }

    protected override async Task ValidateReferencesAsync(PortalDbContext db, Contact entity, Dictionary<string, List<string>> errors, CancellationToken ct)
    {
        await CheckCodeExistsAsync<SalespersonPurchaser>(db, nameof(Contact.SalespersonCode), entity.SalespersonCode, errors, ct);
        await CheckCodeExistsAsync<Currency>(db, nameof(Contact.CurrencyCode), entity.CurrencyCode, errors, ct);

        if (entity.Type == ContactType.Person && entity.CompanyNo.Length > 0)
        {
            var company = await db.Contacts.AsNoTracking()
                .Where(c => c.No == entity.CompanyNo && c.Type == ContactType.Company)
                .Select(c => new { c.Name })
                .FirstOrDefaultAsync(ct);
            if (company is null)
                AddError(errors, nameof(Contact.CompanyNo), Validation.MasterDataText.Message("DoesNotExist",
                    Validation.MasterDataText.FieldCaption(nameof(Contact.CompanyNo)), entity.CompanyNo));
            else
                entity.CompanyName = company.Name;
        }
        else if (entity.Type == ContactType.Person)
        {
            entity.CompanyName = "";
        }

        if (entity.Type == ContactType.Company && entity.BusinessRelationNo.Length > 0)
        {
            var exists = entity.BusinessRelation switch
            {
                BusinessRelation.Customer => await db.Customers.AnyAsync(c => c.No == entity.BusinessRelationNo, ct),
                BusinessRelation.Vendor => await db.Vendors.AnyAsync(v => v.No == entity.BusinessRelationNo, ct),
                _ => false,
            };
            if (!exists)
                AddError(errors, nameof(Contact.BusinessRelationNo), Validation.MasterDataText.Message("DoesNotExist",
                    Validation.MasterDataText.FieldCaption(nameof(Contact.BusinessRelationNo)), entity.BusinessRelationNo));
        }
    }
}

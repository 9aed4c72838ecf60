using CouplingPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.MasterData.Items;

public sealed class ItemService(IDbContextFactory<PortalDbContext> dbFactory) : MasterDataService<Item>(dbFactory)
{
    protected override IReadOnlyList<string> RequiredFields { get; } = [nameof(Item.No), nameof(Item.Description)];

}

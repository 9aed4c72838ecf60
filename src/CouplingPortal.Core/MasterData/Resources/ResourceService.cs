using CouplingPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.MasterData.Resources;

public sealed class ResourceService(IDbContextFactory<PortalDbContext> dbFactory) : MasterDataService<Resource>(dbFactory)
{
    protected override IReadOnlyList<string> RequiredFields { get; } = [nameof(Resource.No), nameof(Resource.Name)];

}

using System.Collections;
using System.Globalization;
using System.Resources;
using CouplingPortal.Core.Integration;
using CouplingPortal.Core.Integration.Couplings;
using CouplingPortal.Core.Integration.Mappings;

namespace CouplingPortal.Core.Tests.Integration;

public sealed class CouplingSyncStateTests
{
    private static Coupling NewCoupling() => new() { Id = Guid.NewGuid(), DataverseTable = "account", DataverseId = Guid.NewGuid() };

    [Fact]
    public void TheSameErrorTwiceInOneDirection_MarksTheCouplingSkipped()
    {
        var coupling = NewCoupling();

        coupling.RecordFailure(SyncDirection.ToIntegrationTable, Guid.NewGuid(), "Owner does not exist", transient: false);
        Assert.False(coupling.Skipped);
        coupling.RecordFailure(SyncDirection.ToIntegrationTable, Guid.NewGuid(), "Owner does not exist", transient: false);

        Assert.True(coupling.Skipped);
        Assert.Equal(2, coupling.ErrorCountToDataverse);
    }

    [Fact]
    public void DifferentErrors_ErrorsInBothDirections_AndTransientErrors_DoNotMarkSkipped()
    {
        var coupling = NewCoupling();

        coupling.RecordFailure(SyncDirection.ToIntegrationTable, Guid.NewGuid(), "A", transient: false);
        coupling.RecordFailure(SyncDirection.ToIntegrationTable, Guid.NewGuid(), "B", transient: false);
        coupling.RecordFailure(SyncDirection.FromIntegrationTable, Guid.NewGuid(), "B", transient: false);
        coupling.RecordFailure(SyncDirection.FromIntegrationTable, Guid.NewGuid(), "429 Too Many Requests", transient: true);
        coupling.RecordFailure(SyncDirection.FromIntegrationTable, Guid.NewGuid(), "429 Too Many Requests", transient: true);

        Assert.False(coupling.Skipped);
        Assert.Equal("B", coupling.LastErrorFromDataverse);
    }

    [Fact]
    public void ASuccess_ClearsTheErrorState_AndStampsOnlyMoveForward()
    {
        var coupling = NewCoupling();
        var later = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
        coupling.RecordFailure(SyncDirection.FromIntegrationTable, Guid.NewGuid(), "A", transient: false);

        coupling.RecordSuccess(SyncDirection.FromIntegrationTable, Guid.NewGuid(), later);
        coupling.RecordSuccess(SyncDirection.FromIntegrationTable, Guid.NewGuid(), later.AddHours(-1));
        coupling.AdvanceDataverseModifiedOn(later);
        coupling.AdvanceDataverseModifiedOn(later.AddHours(-1));
        coupling.RecordFailure(SyncDirection.FromIntegrationTable, Guid.NewGuid(), "A", transient: false);

        Assert.Equal((later, later), (coupling.LastSyncedLocalModifiedAt, coupling.LastSyncedDataverseModifiedOn));
        Assert.False(coupling.Skipped);
        Assert.Throws<ArgumentException>(() => coupling.RecordSuccess(SyncDirection.Bidirectional, Guid.NewGuid(), null));
    }

    [Fact]
    public void IntegrationMessages_HaveEveryEnglishKeyInDutch()
    {
        var manager = new ResourceManager("CouplingPortal.Core.Resources.IntegrationMessages", typeof(IntegrationText).Assembly);
        static List<string> Keys(ResourceSet set) => [.. set.Cast<DictionaryEntry>().Select(e => (string)e.Key)];
        var english = Keys(manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!);
        var dutch = Keys(manager.GetResourceSet(CultureInfo.GetCultureInfo("nl"), createIfNotExists: true, tryParents: false)!);

        Assert.NotEmpty(english);
        Assert.Equal(english.Order(), dutch.Order());
        Assert.All(Enum.GetValues<LocalTable>(), t => Assert.Contains("Table_" + t, english));
        Assert.All(Enum.GetValues<CouplingPortal.Core.Integration.Filters.FilterOperator>(), op => Assert.Contains("Operator_" + op, english));
    }
}

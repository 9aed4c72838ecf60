using System.Net;
using System.Text.Json.Nodes;
using CouplingPortal.Dataverse.Errors;
using CouplingPortal.Dataverse.Querying;
using Microsoft.Extensions.Time.Testing;

namespace CouplingPortal.Dataverse.Tests.Contract;

/// <summary>Appendix A 15: initial track-changes read, then a delta with updates and deletes.</summary>
public sealed class DataverseClientChangeTrackingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delta_ReturnsChangedRowsAndDeletedIds_AndANewDeltaLink()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var a = await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "A" }, ct: Ct);
        var b = await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "B" }, ct: Ct);
        var c = await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "C" }, ct: Ct);

        var initial = await dv.Client.StartChangeTrackingAsync(DataverseTable.Accounts, ["name", "modifiedon"], pageSize: 2, ct: Ct);
        await dv.Client.UpdateAsync(DataverseTable.Accounts, a, new JsonObject { ["name"] = "A2" }, ct: Ct);
        await dv.Client.DeleteAsync(DataverseTable.Accounts, b, ct: Ct);
        var delta = await dv.Client.GetChangesAsync(initial.DeltaLink, Ct);
        var quiet = await dv.Client.GetChangesAsync(delta.DeltaLink, Ct);

        Assert.Equal(new[] { a, b, c }.Order(), initial.Changed.Select(r => r.GetId(DataverseTable.Accounts)).Order());
        Assert.Empty(initial.Deleted);
        Assert.Equal("A2", Assert.Single(delta.Changed).GetString("name"));
        Assert.Equal(b, Assert.Single(delta.Deleted));
        Assert.NotEqual(initial.DeltaLink, delta.DeltaLink);
        Assert.Empty(quiet.Changed);
        Assert.Empty(quiet.Deleted);
    }

    [Fact]
    public async Task ARowCreatedAndDeletedBetweenTwoReads_ComesBackAsADelete()
    {
        await using var dv = await EmulatorConnection.StartAsync();
        var initial = await dv.Client.StartChangeTrackingAsync(DataverseTable.Accounts, ["name"], ct: Ct);
        var phantom = await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Phantom" }, ct: Ct);
        await dv.Client.DeleteAsync(DataverseTable.Accounts, phantom, ct: Ct);

        var delta = await dv.Client.GetChangesAsync(initial.DeltaLink, Ct);

        Assert.Empty(delta.Changed);
        Assert.Equal(phantom, Assert.Single(delta.Deleted));
    }

    [Fact]
    public async Task AnExpiredDeltaLink_AsksForAFullResync_AsAPermanentError()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var dv = await EmulatorConnection.StartAsync(e => e.ChangeTrackingExpiryDays = 7, emulatorClock: clock);
        await dv.Client.CreateAsync(DataverseTable.Accounts, new JsonObject { ["name"] = "Old" }, ct: Ct);
        var initial = await dv.Client.StartChangeTrackingAsync(DataverseTable.Accounts, ["name"], ct: Ct);

        clock.Advance(TimeSpan.FromDays(8));
        var ex = await Assert.ThrowsAsync<DataverseException>(() => dv.Client.GetChangesAsync(initial.DeltaLink, Ct));

        Assert.True(ex.RequiresFullSync);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.False(ex.IsTransient);
    }
}

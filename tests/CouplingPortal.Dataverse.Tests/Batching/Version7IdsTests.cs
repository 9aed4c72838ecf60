using CouplingPortal.Dataverse.Batching;

namespace CouplingPortal.Dataverse.Tests.Batching;

public sealed class Version7IdsTests
{
    [Fact]
    public void New_MakesVersion7Guids_WithTheRfcVariant_AndTheCurrentUnixMilliseconds()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = Version7Ids.New();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(7, id.Version);
        var bytes = id.ToByteArray(bigEndian: true);
        Assert.Equal(0x80, bytes[8] & 0xC0);
        var milliseconds = 0L;
        for (var i = 0; i < 6; i++)
        {
            milliseconds = (milliseconds << 8) | bytes[i];
        }

        Assert.InRange(milliseconds, before, after);
    }

    [Fact]
    public void New_NeverRepeats_AcrossSeveralRefillsOfItsRandomBuffer()
    {
        var ids = Enumerable.Range(0, 5_000).Select(_ => Version7Ids.New()).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        // 62 random bits after the version and variant: no two ids of the same millisecond share them.
        Assert.Equal(ids.Count, ids.Select(g => Convert.ToHexString(g.ToByteArray(bigEndian: true).AsSpan(6))).Distinct().Count());
    }
}

using System.Text;
using System.Text.Json;
using CouplingPortal.DataverseEmulator.Metadata;
using CouplingPortal.DataverseEmulator.Storage;

namespace CouplingPortal.DataverseEmulator.Tests.Storage;

/// <summary>
/// The $batch create reader that goes straight from UTF-8 to column values must give exactly what the general reader
/// gives, and must hand every body it does not fully understand back to the general reader (which reports errors).
/// </summary>
public sealed class PlainPayloadTests
{
    private static TableDefinition Table(string set) => EmulatorMetadata.Instance.Tables.Single(t => t.EntitySetName == set);

    [Theory]
    [InlineData("accounts", """{"name":"Benchmark b 00001","accountnumber":"b-000001","customertypecode":3,"telephone1":"+49 30 1234","address1_city":"Berlin"}""")]
    [InlineData("accounts", """{"accountid":"0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b","name":"O'Brien & Co. 100%_+#","creditlimit":1234.56789,"description":null,"fax":""}""")]
    [InlineData("accounts", """ {"name":"M\u00fcller \"Quoted\"","name":"Second wins","statecode":1,"statuscode":2} """)]
    [InlineData("products", """{"productnumber":"P-1","name":"Ünïcødé 東京","producttypecode":3,"quantitydecimal":2,"price":9.99,"quantityonhand":1.5}""")]
    [InlineData("systemusers", """{"lastname":"Doe","applicationid":"{0195A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B}"}""")]
    public void PlainBodies_ReadTheSameValuesAsTheGeneralReader(string set, string body)
    {
        var table = Table(set);

        var plain = EntityWriter.TryReadPlainPayload(table, Encoding.UTF8.GetBytes(body));

        using var document = JsonDocument.Parse(body);
        var general = new EntityWriterProbe().Read(table, document.RootElement);
        Assert.NotNull(plain);
        Assert.Equal(general.Keys, plain.Keys);
        foreach (var (column, value) in general)
        {
            Assert.Equal(value, plain[column]);
        }
    }

    [Theory]
    [InlineData("""{"name":"A","@odata.type":"Microsoft.Dynamics.CRM.account"}""")]
    [InlineData("""{"name":"A","parentaccountid@odata.bind":"accounts(0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b)"}""")]
    [InlineData("""{"name":"A","parentaccountid":null}""")]
    [InlineData("""{"name":"A","createdon":"2024-01-01T00:00:00Z"}""")]
    [InlineData("""{"name":"A","nosuch":1}""")]
    [InlineData("""{"name":"A","_parentaccountid_value":null}""")]
    [InlineData("""{"name":3}""")]
    [InlineData("""{"name":"A","customertypecode":99}""")]
    [InlineData("""{"name":"A","customertypecode":"3"}""")]
    [InlineData("""{"name":"A","accountnumber":"123456789012345678901"}""")]
    [InlineData("""{"name":"A","creditlimit":-1e30}""")]
    [InlineData("""{"na\u006de":"A"}""")]
    [InlineData("""{"name":"A","description":{"nested":1}}""")]
    [InlineData("""{"name":"A"} {"name":"B"}""")]
    [InlineData("""{"name":"A",}""")]
    [InlineData("""[{"name":"A"}]""")]
    [InlineData("")]
    [InlineData("  ")]
    public void BodiesThePlainReaderDoesNotFullyUnderstand_AreLeftToTheGeneralReader(string body)
    {
        Assert.Null(EntityWriter.TryReadPlainPayload(Table("accounts"), Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void TextThatIsNotValidUtf8_IsLeftToTheGeneralReader()
    {
        byte[] body = [.. "{\"name\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Null(EntityWriter.TryReadPlainPayload(Table("accounts"), body));
    }

    /// <summary>The general reader, as a create outside the store lock uses it.</summary>
    private sealed class EntityWriterProbe
    {
        private readonly DataverseStore _store = new(EmulatorMetadata.Instance, new NoPersistence(), TimeProvider.System, new DataverseEmulatorOptions());

        public Dictionary<string, object?> Read(TableDefinition table, JsonElement body) =>
            _store.Writer.ReadPayload(null, table, body, null, out _);
    }
}

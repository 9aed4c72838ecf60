using System.Text.Json.Nodes;
using CouplingPortal.Dataverse.Querying;

namespace CouplingPortal.Dataverse.Tests.Querying;

public sealed class DataverseRowTests
{
    private static readonly DataverseRow Row = new(JsonNode.Parse("""
        {"@odata.etag":"W/\"12345\"","accountid":"6f1a0000-0000-4000-8000-000000000001","name":"Contoso","customertypecode":3,
         "creditlimit":5000000.0000,"versionnumber":12345,"modifiedon":"2023-04-07T21:59:01Z",
         "_primarycontactid_value":"6f1a0000-0000-4000-8000-000000000002","accountnumber":null}
        """)!.AsObject());

    [Fact]
    public void TypedGetters_ReadDataverseJson()
    {
        Assert.Equal("W/\"12345\"", Row.ETag);
        Assert.Equal("Contoso", Row.GetString("name"));
        Assert.Equal(3, Row.GetInt32("customertypecode"));
        Assert.Equal(5000000m, Row.GetDecimal("creditlimit"));
        Assert.Equal(12345L, Row.GetInt64("versionnumber"));
        Assert.Equal(new DateTime(2023, 4, 7, 21, 59, 1, DateTimeKind.Utc), Row.GetDateTime("modifiedon"));
        Assert.Equal(DateTimeKind.Utc, Row.GetDateTime("modifiedon")!.Value.Kind);
        Assert.Equal(Guid.Parse("6f1a0000-0000-4000-8000-000000000002"), Row.GetLookupId("primarycontactid"));
        Assert.Equal(Guid.Parse("6f1a0000-0000-4000-8000-000000000001"), Row.GetId(DataverseTable.Accounts));
    }

    [Fact]
    public void NullAndMissingColumns_ReadAsNull()
    {
        Assert.Null(Row.GetString("accountnumber"));
        Assert.True(Row.Has("accountnumber"));
        Assert.Null(Row.GetString("telephone1"));
        Assert.False(Row.Has("telephone1"));
        Assert.Null(Row.GetInt32("telephone1"));
    }
}

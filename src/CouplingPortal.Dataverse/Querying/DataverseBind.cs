using System.Text.Json.Nodes;

namespace CouplingPortal.Dataverse.Querying;

/// <summary>Lookups are written through <c>&lt;navigation property&gt;@odata.bind</c> (reference §3.6), never through _x_value.</summary>
public static class DataverseBind
{
    /// <summary>"/accounts(&lt;guid&gt;)" or "/accounts(accountnumber='C1')".</summary>
    public static string Reference(DataverseTable table, DataverseKey key) => "/" + key.ToPath(table);

    /// <summary>
    /// Sets <paramref name="navigationProperty"/>@odata.bind. The navigation property is case-sensitive and per target
    /// for polymorphic lookups (parentcustomerid_account, parentcustomerid_contact).
    /// </summary>
    public static JsonObject Bind(this JsonObject record, string navigationProperty, DataverseTable table, DataverseKey key)
    {
        record[ODataLiteral.Name(navigationProperty) + "@odata.bind"] = Reference(table, key);
        return record;
    }

    /// <summary>Clears a lookup in a PATCH.</summary>
    public static JsonObject Unbind(this JsonObject record, string navigationProperty)
    {
        record[ODataLiteral.Name(navigationProperty) + "@odata.bind"] = null;
        return record;
    }
}

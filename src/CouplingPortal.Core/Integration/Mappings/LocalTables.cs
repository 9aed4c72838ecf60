using System.Collections.Frozen;
using System.Reflection;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Contacts;
using CouplingPortal.Core.MasterData.Customers;
using CouplingPortal.Core.MasterData.Items;
using CouplingPortal.Core.MasterData.Resources;
using CouplingPortal.Core.MasterData.Setup;
using CouplingPortal.Core.MasterData.Vendors;

namespace CouplingPortal.Core.Integration.Mappings;

/// <summary>What the integration model knows about each <see cref="LocalTable"/>: its entity type and fields.</summary>
public static class LocalTables
{
    private static readonly FrozenDictionary<LocalTable, Type> Types = new Dictionary<LocalTable, Type>
    {
        [LocalTable.Customer] = typeof(Customer),
        [LocalTable.Vendor] = typeof(Vendor),
        [LocalTable.Contact] = typeof(Contact),
        [LocalTable.Item] = typeof(Item),
        [LocalTable.Resource] = typeof(Resource),
        [LocalTable.SalespersonPurchaser] = typeof(SalespersonPurchaser),
        [LocalTable.Currency] = typeof(Currency),
        [LocalTable.PaymentTerms] = typeof(PaymentTerms),
        [LocalTable.ShipmentMethod] = typeof(ShipmentMethod),
        [LocalTable.ShippingAgent] = typeof(ShippingAgent),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<LocalTable, FrozenDictionary<string, PropertyInfo>> Fields =
        Types.ToFrozenDictionary(t => t.Key, t => t.Value.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite)
            .ToFrozenDictionary(p => p.Name, StringComparer.Ordinal));

    /// <summary>The entity class of the table, e.g. <see cref="Customer"/>.</summary>
    public static Type EntityType(LocalTable table) =>
        Types.TryGetValue(table, out var type) ? type : throw new ArgumentOutOfRangeException(nameof(table), table, null);

    /// <summary>The table of an entity class; throws for a type that is not a mapped master-data table.</summary>
    public static LocalTable Of(Type entityType) =>
        Types.FirstOrDefault(t => t.Value == entityType) is { Value: not null } hit
            ? hit.Key
            : throw new ArgumentException($"{entityType.Name} is not a table the integration can map.", nameof(entityType));

    /// <summary>
    /// The field other records use to refer to a record of this table (No. or Code): what a lookup translation
    /// (e.g. Customer."Currency Code") names.
    /// </summary>
    public static string KeyField(LocalTable table) => table switch
    {
        LocalTable.Customer or LocalTable.Vendor or LocalTable.Contact or LocalTable.Item or LocalTable.Resource => nameof(Customer.No),
        _ => nameof(Currency.Code),
    };

    /// <summary>The readable and writable property of the table named <paramref name="field"/> (case-sensitive), or null.</summary>
    public static PropertyInfo? Field(LocalTable table, string field) =>
        Fields.TryGetValue(table, out var fields) && fields.TryGetValue(field, out var property) ? property : null;

    /// <summary>The field names of the table, in declaration order.</summary>
    public static IReadOnlyList<string> FieldNames(LocalTable table) =>
        [.. EntityType(table).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.CanWrite).Select(p => p.Name)];

    /// <summary>The value of a field of a record of this table (a <see cref="MasterRecord"/> of <see cref="EntityType"/>).</summary>
    public static object? GetValue(LocalTable table, MasterRecord record, string field)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.GetType() != EntityType(table))
            throw new ArgumentException($"A {record.GetType().Name} is not a record of {table}.", nameof(record));
        var property = Field(table, field) ?? throw new ArgumentException($"{field} is not a field of {table}.", nameof(field));
        return property.GetValue(record);
    }
}

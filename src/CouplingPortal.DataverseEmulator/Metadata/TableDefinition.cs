namespace CouplingPortal.DataverseEmulator.Metadata;

internal enum ColumnType
{
    PrimaryKey,
    String,
    Memo,
    Integer,
    BigInt,
    Decimal,
    Money,
    Boolean,
    DateTime,
    Guid,
    Choice,
    State,
    Status,
    Lookup,
}

/// <summary>A lookup's navigation property for one target table (polymorphic lookups have several).</summary>
internal sealed record LookupTarget(string NavigationProperty, string TargetTable);

internal sealed class ColumnDefinition
{
    public required string LogicalName { get; init; }
    public required ColumnType Type { get; init; }
    public int? MaxLength { get; init; }
    /// <summary>A write that leaves this column empty is refused (create) or cannot null it (update).</summary>
    public bool Required { get; init; }
    /// <summary>Owned by the server (system columns, computed columns): ignored when a client sends it.</summary>
    public bool ServerOwned { get; init; }
    /// <summary>Choice, state and status labels by value.</summary>
    public IReadOnlyDictionary<int, string>? Options { get; init; }
    /// <summary>For status columns: the state each status value belongs to.</summary>
    public IReadOnlyDictionary<int, int>? StatusToState { get; init; }
    public IReadOnlyList<LookupTarget> Targets { get; init; } = [];
    public decimal? MinValue { get; init; }
    public decimal? MaxValue { get; init; }

    public bool IsLookup => Type == ColumnType.Lookup;

    /// <summary>The name a client reads and filters on: _x_value for lookups, the logical name otherwise.</summary>
    public string PropertyName => IsLookup ? "_" + LogicalName + "_value" : LogicalName;

    public string EdmType => Type switch
    {
        ColumnType.PrimaryKey or ColumnType.Guid or ColumnType.Lookup => "Edm.Guid",
        ColumnType.String or ColumnType.Memo => "Edm.String",
        ColumnType.Integer or ColumnType.Choice or ColumnType.State or ColumnType.Status => "Edm.Int32",
        ColumnType.BigInt => "Edm.Int64",
        ColumnType.Decimal or ColumnType.Money => "Edm.Decimal",
        ColumnType.Boolean => "Edm.Boolean",
        ColumnType.DateTime => "Edm.DateTimeOffset",
        _ => "Edm.String",
    };
}

internal sealed record AlternateKey(string Name, IReadOnlyList<string> Columns);

internal sealed class TableDefinition
{
    public TableDefinition(string logicalName, string entitySetName, string primaryIdAttribute, string primaryNameAttribute,
        bool userOwned, bool changeTracking, IEnumerable<ColumnDefinition> columns, IEnumerable<AlternateKey>? keys = null)
    {
        LogicalName = logicalName;
        EntitySetName = entitySetName;
        PrimaryIdAttribute = primaryIdAttribute;
        PrimaryNameAttribute = primaryNameAttribute;
        UserOwned = userOwned;
        ChangeTrackingEnabled = changeTracking;
        Columns = columns.ToList();
        var byName = Columns.ToDictionary(c => c.LogicalName, StringComparer.Ordinal);
        ColumnsByName = byName;
        ColumnsByNameSpan = byName.GetAlternateLookup<ReadOnlySpan<char>>();
        ColumnsByPropertyName = Columns.ToDictionary(c => c.PropertyName, StringComparer.Ordinal);
        NavigationProperties = Columns.Where(c => c.IsLookup && !c.ServerOwned)
            .SelectMany(c => c.Targets.Select(t => (t.NavigationProperty, Column: c, t.TargetTable)))
            .ToDictionary(x => x.NavigationProperty, x => (x.Column, x.TargetTable), StringComparer.Ordinal);
        AlternateKeys = keys?.ToList() ?? [];
        PrimaryKey = ColumnsByName[primaryIdAttribute];
        RequiredColumns = Columns.Where(c => c.Required).ToList();
        if (ColumnsByName.TryGetValue("statuscode", out var status))
            DefaultStatusByState = status.StatusToState!.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Min(p => p.Key));
        HasAddress = ColumnsByName.ContainsKey("address1_composite");
    }

    public IReadOnlyList<ColumnDefinition> RequiredColumns { get; }
    /// <summary>For tables with statecode/statuscode: the status a state gets when only the state is set.</summary>
    public IReadOnlyDictionary<int, int>? DefaultStatusByState { get; }
    public bool HasAddress { get; }

    public string LogicalName { get; }
    public string EntitySetName { get; }
    public string PrimaryIdAttribute { get; }
    public string PrimaryNameAttribute { get; }
    public bool UserOwned { get; }
    public bool ChangeTrackingEnabled { get; }
    public IReadOnlyList<ColumnDefinition> Columns { get; }
    public IReadOnlyDictionary<string, ColumnDefinition> ColumnsByName { get; }
    /// <summary><see cref="ColumnsByName"/> looked up by characters (a property name read from JSON, without a string).</summary>
    public Dictionary<string, ColumnDefinition>.AlternateLookup<ReadOnlySpan<char>> ColumnsByNameSpan { get; }
    public IReadOnlyDictionary<string, ColumnDefinition> ColumnsByPropertyName { get; }
    public IReadOnlyDictionary<string, (ColumnDefinition Column, string TargetTable)> NavigationProperties { get; }
    public IReadOnlyList<AlternateKey> AlternateKeys { get; }
    public ColumnDefinition PrimaryKey { get; }

    public string EdmTypeName => "Microsoft.Dynamics.CRM." + LogicalName;
}

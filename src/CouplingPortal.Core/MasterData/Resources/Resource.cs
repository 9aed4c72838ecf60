namespace CouplingPortal.Core.MasterData.Resources;

/// <summary>Business Central's Resource (table 156), with the fields the default RESOURCE-PRODUCT mapping uses.</summary>
public sealed class Resource : MasterRecord
{
    public string No { get; set; } = "";
    public string Name { get; set; } = "";
    public ResourceType Type { get; set; }
    public string BaseUnitOfMeasure { get; set; } = "";
    public decimal UnitPrice { get; set; }
    public decimal UnitCost { get; set; }
    public string VendorNo { get; set; } = "";

    /// <summary>BC computes capacity from entries; the portal stores it.</summary>
    public decimal Capacity { get; set; }

    public bool Blocked { get; set; }
}

public enum ResourceType
{
    Person = 0,
    Machine = 1,
}

namespace CouplingPortal.Core.MasterData.Items;

/// <summary>Business Central's Item (table 27), with the fields the default ITEM-PRODUCT mapping uses.</summary>
public sealed class Item : MasterRecord
{
    public string No { get; set; } = "";
    public string Description { get; set; } = "";
    public ItemType Type { get; set; }
    public string BaseUnitOfMeasure { get; set; } = "";
    public decimal UnitPrice { get; set; }
    public decimal UnitCost { get; set; }
    public decimal UnitVolume { get; set; }
    public decimal GrossWeight { get; set; }
    public string VendorNo { get; set; } = "";
    public string VendorItemNo { get; set; } = "";

    /// <summary>Quantity on hand. BC computes it from ledger entries; the portal keeps no ledger, so it is stored.</summary>
    public decimal Inventory { get; set; }

    public bool Blocked { get; set; }
}

public enum ItemType
{
    Inventory = 0,
    Service = 1,
    NonInventory = 2,
}

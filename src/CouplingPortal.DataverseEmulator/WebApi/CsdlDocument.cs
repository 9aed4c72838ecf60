using System.Xml.Linq;
using CouplingPortal.DataverseEmulator.Metadata;

namespace CouplingPortal.DataverseEmulator.WebApi;

/// <summary>A minimal CSDL ($metadata) for the emulator's tables: keys, properties, navigation properties, change tracking.</summary>
internal static class CsdlDocument
{
    private static readonly XNamespace Edmx = "http://docs.oasis-open.org/odata/ns/edmx";
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";

    public static string Build(EmulatorMetadata metadata)
    {
        var schema = new XElement(Edm + "Schema", new XAttribute("Namespace", "Microsoft.Dynamics.CRM"), new XAttribute("Alias", "mscrm"));
        foreach (var t in metadata.Tables)
        {
            var type = new XElement(Edm + "EntityType", new XAttribute("Name", t.LogicalName),
                new XElement(Edm + "Key", new XElement(Edm + "PropertyRef", new XAttribute("Name", t.PrimaryIdAttribute))));
            foreach (var c in t.Columns)
            {
                var p = new XElement(Edm + "Property", new XAttribute("Name", c.PropertyName), new XAttribute("Type", c.EdmType));
                if (c.MaxLength is { } max && c.EdmType == "Edm.String") p.Add(new XAttribute("MaxLength", max));
                type.Add(p);
            }
            foreach (var c in t.Columns.Where(c => c.IsLookup))
                foreach (var target in c.Targets)
                    type.Add(new XElement(Edm + "NavigationProperty", new XAttribute("Name", target.NavigationProperty),
                        new XAttribute("Type", "mscrm." + target.TargetTable), new XAttribute("Nullable", "false")));
            schema.Add(type);
        }
        var container = new XElement(Edm + "EntityContainer", new XAttribute("Name", "System"));
        foreach (var t in metadata.Tables)
        {
            var set = new XElement(Edm + "EntitySet", new XAttribute("Name", t.EntitySetName), new XAttribute("EntityType", "Microsoft.Dynamics.CRM." + t.LogicalName));
            if (t.ChangeTrackingEnabled)
                set.Add(new XElement(Edm + "Annotation", new XAttribute("Term", "Org.OData.Capabilities.V1.ChangeTracking"),
                    new XElement(Edm + "Record", new XElement(Edm + "PropertyValue", new XAttribute("Property", "Supported"), new XAttribute("Bool", "true")))));
            container.Add(set);
        }
        container.Add(new XElement(Edm + "FunctionImport", new XAttribute("Name", "WhoAmI"), new XAttribute("Function", "Microsoft.Dynamics.CRM.WhoAmI")));
        schema.Add(container);
        var doc = new XDocument(new XElement(Edmx + "Edmx", new XAttribute("Version", "4.0"), new XElement(Edmx + "DataServices", schema)));
        return doc.Declaration + doc.ToString(SaveOptions.DisableFormatting);
    }
}

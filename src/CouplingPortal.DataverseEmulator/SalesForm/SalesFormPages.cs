using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using CouplingPortal.DataverseEmulator.Hosting;
using CouplingPortal.DataverseEmulator.Metadata;
using CouplingPortal.DataverseEmulator.Storage;

namespace CouplingPortal.DataverseEmulator.SalesForm;

/// <summary>
/// A minimal stand-in for the Dynamics 365 Sales UI: lists of accounts, contacts and products, and a record page
/// per row with a "Business Central" button that opens the portal the way BC's CRM redirect does
/// ({PortalUrl}?CRMType=account&amp;CRMID={id}).
/// </summary>
internal sealed class SalesFormPages(DataverseEmulatorEngine engine)
{
    private static readonly string[] ListedTables = ["account", "contact", "product"];

    private static readonly Dictionary<string, string[]> MainFields = new()
    {
        ["account"] = ["name", "accountnumber", "customertypecode", "telephone1", "emailaddress1", "websiteurl", "address1_line1", "address1_postalcode", "address1_city", "address1_country", "_primarycontactid_value", "_transactioncurrencyid_value", "_bcbi_companyid_value", "statecode", "modifiedon"],
        ["contact"] = ["fullname", "firstname", "lastname", "jobtitle", "emailaddress1", "telephone1", "mobilephone", "_parentcustomerid_value", "address1_city", "address1_country", "statecode", "modifiedon"],
        ["product"] = ["productnumber", "name", "producttypecode", "price", "standardcost", "quantityonhand", "_defaultuomscheduleid_value", "statecode", "modifiedon"],
    };

    public async Task HandleAsync(HttpContext context, string prefix)
    {
        // Browsers cannot send a bearer token, so the pages are open only when the server listens on loopback
        // (the emulator's own host and local development). Anywhere else they need the same token as the Web API.
        var local = context.Connection.LocalIpAddress;
        if ((local is null || !IPAddress.IsLoopback(local)) && !engine.Authorize(context, DataverseEngineBase(context, prefix))) return;

        var request = context.Request;
        string? etn = request.Query["etn"];
        string? idText = request.Query["id"];
        var path = request.Path.Value ?? "";
        var salesAt = path.IndexOf("/sales", StringComparison.OrdinalIgnoreCase);
        if (salesAt >= 0)
        {
            var parts = path[(salesAt + 6)..].Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 1)
            {
                var table = engine.Store.TableBySet(parts[0]);
                etn = table?.Definition.LogicalName ?? parts[0];
            }
            if (parts.Length >= 2) idText = parts[1];
        }

        string html;
        var status = 200;
        if (etn is null || !ListedTables.Contains(etn))
            html = Index(prefix);
        else if (idText is null)
            html = List(prefix, engine.Store.Table(etn));
        else if (Guid.TryParse(idText.Trim('{', '}'), out var id) && Record(prefix, engine.Store.Table(etn), id) is { } page)
            html = page;
        else
        {
            status = 404;
            html = Layout("Record not found", $"<p>No {Enc(etn)} with id {Enc(idText)}.</p><p><a href=\"{prefix}/sales\">Back</a></p>");
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(html, context.RequestAborted);
    }

    private static string DataverseEngineBase(HttpContext context, string prefix) => DataverseEmulatorEngine.EnvironmentBase(context, prefix);

    private static string Enc(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    private static string Layout(string title, string body) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{Enc(title)}} - Dynamics 365 Sales (emulator)</title>
        <style>
          body{font-family:Segoe UI,Arial,sans-serif;margin:0;background:#f3f2f1;color:#201f1e}
          header{background:#002050;color:#fff;padding:10px 20px;font-size:16px}
          header a{color:#fff;text-decoration:none;margin-right:16px}
          main{padding:20px;max-width:1000px}
          table{border-collapse:collapse;background:#fff;width:100%}
          th,td{border-bottom:1px solid #edebe9;padding:6px 10px;text-align:left}
          .bc{display:inline-block;background:#0078d4;color:#fff;padding:8px 14px;border-radius:2px;text-decoration:none}
          .disabled{background:#a19f9d}
        </style></head>
        <body><header><strong>Dynamics 365 Sales</strong> (Dataverse emulator) &nbsp;
        <a href="sales/accounts" data-nav="accounts">Accounts</a><a href="sales/contacts">Contacts</a><a href="sales/products">Products</a></header>
        <main><h1>{{Enc(title)}}</h1>{{body}}</main></body></html>
        """;

    private static string Index(string prefix) => Layout("Sales", string.Join("", ListedTables.Select(t =>
        $"<p><a href=\"{prefix}/main.aspx?etn={t}&amp;pagetype=entitylist\">{Enc(EmulatorMetadata.Instance.ByLogicalName[t].EntitySetName)}</a></p>")))
        .Replace("href=\"sales/", $"href=\"{prefix}/sales/", StringComparison.Ordinal);

    private string List(string prefix, TableData table)
    {
        var def = table.Definition;
        var rows = engine.Store.Read(() => table.Rows.Values.ToList())
            .OrderBy(r => r.Get(def.PrimaryNameAttribute) as string, StringComparer.OrdinalIgnoreCase).ToList();
        var sb = new StringBuilder("<table><thead><tr><th>Name</th><th>Number</th><th>Status</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            var number = row.Get(def.LogicalName switch { "account" => "accountnumber", "product" => "productnumber", _ => "emailaddress1" }) as string;
            sb.Append($"<tr><td><a href=\"{prefix}/main.aspx?etn={def.LogicalName}&amp;pagetype=entityrecord&amp;id={row.Id:D}\">{Enc(row.Get(def.PrimaryNameAttribute) as string ?? "(no name)")}</a></td>")
              .Append($"<td>{Enc(number)}</td><td>{Enc(Label(def, "statecode", row.Get("statecode")))}</td></tr>");
        }
        sb.Append("</tbody></table>");
        return Layout($"Active and inactive {def.EntitySetName}", sb.ToString()).Replace("href=\"sales/", $"href=\"{prefix}/sales/", StringComparison.Ordinal);
    }

    private string? Record(string prefix, TableData table, Guid id)
    {
        var def = table.Definition;
        var row = engine.Store.Read(() => table.Rows.GetValueOrDefault(id));
        if (row is null) return null;
        var sb = new StringBuilder("<table><tbody>");
        foreach (var field in MainFields[def.LogicalName])
        {
            if (!def.ColumnsByPropertyName.TryGetValue(field, out var column)) continue;
            var value = row.Get(column.LogicalName);
            string text = value switch
            {
                null => "",
                EntityReference r => ReferenceName(r),
                DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss") + " UTC",
                int i when column.Options is not null => Label(def, column.LogicalName, i),
                IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
            sb.Append($"<tr><th>{Enc(column.LogicalName)}</th><td data-field=\"{Enc(column.LogicalName)}\">{Enc(text)}</td></tr>");
        }
        sb.Append("</tbody></table><p>");
        var portal = engine.Options.PortalUrl;
        if (portal is null)
            sb.Append("<a class=\"bc disabled\" aria-disabled=\"true\" title=\"DataverseEmulator:PortalUrl is not configured\">Business Central</a>");
        else
        {
            var separator = portal.Contains('?') ? "&" : "?";
            var target = $"{portal}{separator}CRMType={Uri.EscapeDataString(def.LogicalName)}&CRMID={row.Id:D}";
            sb.Append($"<a class=\"bc\" id=\"business-central\" href=\"{Enc(target)}\">Business Central</a>");
        }
        sb.Append($"</p><p><a href=\"{prefix}/main.aspx?etn={def.LogicalName}&amp;pagetype=entitylist\">Back to {Enc(def.EntitySetName)}</a></p>");
        var title = row.Get(def.PrimaryNameAttribute) as string ?? def.LogicalName;
        return Layout(title, sb.ToString()).Replace("href=\"sales/", $"href=\"{prefix}/sales/", StringComparison.Ordinal);
    }

    private string ReferenceName(EntityReference reference)
    {
        var target = EmulatorMetadata.Instance.ByLogicalName.GetValueOrDefault(reference.LogicalName);
        if (target is null) return reference.Id.ToString("D");
        var row = engine.Store.Read(() => engine.Store.Table(reference.LogicalName).Rows.GetValueOrDefault(reference.Id));
        return row?.Get(target.PrimaryNameAttribute) as string ?? reference.Id.ToString("D");
    }

    private static string Label(TableDefinition def, string column, object? value) =>
        value is int i && def.ColumnsByName.TryGetValue(column, out var c) && c.Options is not null ? c.Options.GetValueOrDefault(i) ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
}

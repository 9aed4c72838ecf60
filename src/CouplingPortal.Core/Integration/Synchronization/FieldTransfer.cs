using System.Globalization;
using System.Text.Json.Nodes;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.Integration.Records;
using CouplingPortal.Core.MasterData;
using CouplingPortal.Core.MasterData.Validation;
using CouplingPortal.Dataverse.Querying;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CouplingPortal.Core.Integration.Synchronization;

/// <summary>One destination field that a transfer changes: its field mapping (null for the company id), destination name and values.</summary>
internal sealed record PlannedField(IntegrationFieldMapping? Mapping, string Destination, object? OldValue, object? NewValue)
{
    public bool IsBidirectional => Mapping?.Direction == SyncDirection.Bidirectional;

    public FieldChange ToChange() => new(Destination, FieldTransfer.Format(OldValue), FieldTransfer.Format(NewValue));
}

/// <summary>The fields a transfer would change, or the first reason it cannot be done.</summary>
internal sealed record TransferOutcome(List<PlannedField> Changes, string? Error);

/// <summary>
/// Field-by-field transfer between a local record and a Dataverse row (bc-coupling.md §1.2 runtime rules): constants,
/// transformations, lookup translations, Not Null and Clear Value on Failed Sync; values are compared after
/// transformation and translation, and only fields whose value differs are returned.
/// </summary>
internal static class FieldTransfer
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Local → Dataverse: the columns to write (all non-empty ones on insert).</summary>
    public static TransferOutcome ToDataverse(IntegrationTableMapping mapping, IReadOnlyList<IntegrationFieldMapping> fields, MasterRecord record,
        DataverseRow? row, bool insert, LookupCache lookups)
    {
        var changes = new List<PlannedField>();
        string? error = null;
        foreach (var field in fields)
        {
            if (field.DataverseColumn is null || DataverseSchema.Column(mapping.DataverseTable, field.DataverseColumn) is not { } column)
                continue;
            object? value;
            if (field.LocalField is null)
            {
                if (field.ConstantValue is null || (field.ConstantOnInsertOnly && !insert)) continue;
                if (!TryToColumn(field.ConstantValue, column, out value))
                {
                    error ??= SyncText.Message("ValueInvalid", column.Name, field.ConstantValue);
                    continue;
                }
            }
            else
            {
                var property = LocalTables.Field(mapping.LocalTable, field.LocalField);
                if (property is null) continue;
                var local = Transform(property.GetValue(record), field.Transformation);
                if (!TryTranslateToDataverse(field, column, local, lookups, out value, out var failure))
                {
                    if (!field.ClearValueOnFailedSync)
                    {
                        error ??= failure;
                        continue;
                    }
                    value = null;
                }
            }

            if (value is null && field.NotNull) continue;
            var old = row is null ? null : Read(row, column);
            if (insert ? value is null || value is string { Length: 0 } : Same(old, value)) continue;
            changes.Add(new PlannedField(field, column.Name, old, value));
        }
        return new TransferOutcome(changes, error);
    }

    /// <summary>Dataverse → local: the fields to set on the local record.</summary>
    public static TransferOutcome ToLocal(IntegrationTableMapping mapping, IReadOnlyList<IntegrationFieldMapping> fields, DataverseRow row,
        MasterRecord record, bool insert, LookupCache lookups, IEntityType entityType)
    {
        var changes = new List<PlannedField>();
        string? error = null;
        foreach (var field in fields)
        {
            if (field.LocalField is null || LocalTables.Field(mapping.LocalTable, field.LocalField) is not { } property)
                continue;
            object? raw;
            if (field.DataverseColumn is null)
            {
                if (field.ConstantValue is null || (field.ConstantOnInsertOnly && !insert)) continue;
                raw = field.ConstantValue;
            }
            else
            {
                if (DataverseSchema.Column(mapping.DataverseTable, field.DataverseColumn) is not { } column) continue;
                if (!TryTranslateToLocal(field, column, Read(row, column), lookups, out raw, out var failure))
                {
                    if (!field.ClearValueOnFailedSync)
                    {
                        error ??= failure;
                        continue;
                    }
                    raw = null;
                }
                if (raw is null && field.NotNull) continue;
            }

            if (!TryToProperty(Transform(raw, field.Transformation), property.PropertyType, field.LocalField,
                    entityType.FindProperty(field.LocalField)?.GetMaxLength(), out var value))
            {
                error ??= SyncText.Message("ValueInvalid", field.LocalField, Format(raw));
                continue;
            }
            var old = property.GetValue(record);
            if (Same(old, value)) continue;
            changes.Add(new PlannedField(field, field.LocalField, old, value));
        }
        return new TransferOutcome(changes, error);
    }

    /// <summary>Sets the planned values on the local record.</summary>
    public static void Apply(LocalTable table, MasterRecord record, IEnumerable<PlannedField> changes, bool undo = false)
    {
        foreach (var change in changes)
            LocalTables.Field(table, change.Destination)?.SetValue(record, undo ? change.OldValue : change.NewValue);
    }

    /// <summary>The request body for the planned Dataverse columns; lookups as @odata.bind (or a cleared bind).</summary>
    public static JsonObject Payload(string dataverseTable, IEnumerable<PlannedField> changes)
    {
        var body = new JsonObject();
        foreach (var change in changes)
        {
            var column = DataverseSchema.Column(dataverseTable, change.Destination)!;
            if (column.Type == DataverseColumnType.Lookup)
            {
                var navigation = NavigationProperty(column);
                if (change.NewValue is Guid id)
                    body.Bind(navigation, MappedRows.Table(column.LookupTarget!), id);
                else
                    body.Unbind(navigation);
            }
            else
            {
                body[column.Name] = change.NewValue switch
                {
                    null => null,
                    string s => JsonValue.Create(s),
                    int i => JsonValue.Create(i),
                    decimal m => JsonValue.Create(m),
                    bool b => JsonValue.Create(b),
                    DateTime d => JsonValue.Create(d),
                    Guid g => JsonValue.Create(g),
                    var other => JsonValue.Create(Format(other)),
                };
            }
        }
        return body;
    }

    /// <summary>The navigation property a lookup is written through (polymorphic parentcustomerid points at accounts here).</summary>
    public static string NavigationProperty(DataverseColumn column) =>
        column.Name == "parentcustomerid" ? "parentcustomerid_account" : column.Name;

    /// <summary>A column's current value in a row, typed by the column (lookups as their id).</summary>
    public static object? Read(DataverseRow row, DataverseColumn column)
    {
        var name = column.PropertyName;
        if (!row.Has(name) || row[name] is null) return null;
        return column.Type switch
        {
            DataverseColumnType.String => row.GetString(name),
            DataverseColumnType.Integer => row.GetInt32(name),
            DataverseColumnType.Decimal => row.GetDecimal(name),
            DataverseColumnType.Boolean => row.GetBoolean(name),
            DataverseColumnType.DateTime => row.GetDateTime(name),
            _ => row.GetGuid(name),
        };
    }

    /// <summary>Equal for synchronization: empty text and null are the same; text compares exactly; numbers by value.</summary>
    public static bool Same(object? a, object? b)
    {
        if (a is string { Length: 0 }) a = null;
        if (b is string { Length: 0 }) b = null;
        if (a is null || b is null) return a is null && b is null;
        if (a is string sa && b is string sb) return string.Equals(sa, sb, StringComparison.Ordinal);
        if (IsNumber(a) && IsNumber(b)) return Convert.ToDecimal(a, Inv) == Convert.ToDecimal(b, Inv);
        return a.Equals(b);
    }

    private static bool IsNumber(object value) => value is int or long or decimal or double || value.GetType().IsEnum;

    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        decimal m => m.ToString(Inv),
        DateTime d => d.ToString("O", Inv),
        Guid g => g.ToString("D"),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, Inv),
        _ => value.ToString(),
    };

    private static object? Transform(object? value, FieldTransformation transformation) => (transformation, value) switch
    {
        (FieldTransformation.Uppercase, string s) => s.ToUpperInvariant(),
        (FieldTransformation.Lowercase, string s) => s.ToLowerInvariant(),
        (FieldTransformation.Trim, string s) => s.Trim(),
        (FieldTransformation.NegativeToZero, decimal m) => m < 0 ? 0m : m,
        (FieldTransformation.NegativeToZero, int i) => i < 0 ? 0 : i,
        _ => value,
    };

    private static bool TryTranslateToDataverse(IntegrationFieldMapping field, DataverseColumn column, object? local, LookupCache lookups,
        out object? value, out string? failure)
    {
        failure = null;
        value = null;
        var code = local as string ?? "";
        switch (field.LookupTranslation)
        {
            case LookupTranslation.Coupling:
                if (code.Length == 0) return true;
                var translation = lookups.For(field.TranslationMappingName);
                if (translation is not null && translation.IdByCode.TryGetValue(code, out var id))
                {
                    value = id;
                    return true;
                }
                failure = SyncText.Message("LookupNotCoupled", field.LocalField, translation is null ? field.TranslationMappingName : IntegrationText.TableCaption(translation.LocalTable), code);
                return false;
            case LookupTranslation.OptionCoupling:
                if (code.Length == 0) return true;
                var options = lookups.For(field.TranslationMappingName);
                if (options is not null && options.OptionByCode.TryGetValue(code, out var option))
                {
                    value = option;
                    return true;
                }
                failure = SyncText.Message("OptionNotCoupled", field.LocalField, code, column.Name);
                return false;
            case LookupTranslation.ParentAccountFromBusinessRelation:
                if (code.Length == 0) return true;
                if (lookups.TryParentAccount(code, out var account))
                {
                    value = account;
                    return true;
                }
                failure = SyncText.Message("ParentAccountNotFound", code);
                return false;
            default:
                if (TryToColumn(local, column, out value)) return true;
                failure = SyncText.Message("ValueInvalid", field.LocalField, Format(local));
                return false;
        }
    }

    private static bool TryTranslateToLocal(IntegrationFieldMapping field, DataverseColumn column, object? remote, LookupCache lookups,
        out object? value, out string? failure)
    {
        failure = null;
        value = remote;
        switch (field.LookupTranslation)
        {
            case LookupTranslation.Coupling:
                value = "";
                if (remote is not Guid id) return true;
                var translation = lookups.For(field.TranslationMappingName);
                if (translation is not null && translation.CodeById.TryGetValue(id, out var code))
                {
                    value = code;
                    return true;
                }
                failure = SyncText.Message("LookupRowNotCoupled", column.Name, id, translation is null ? field.TranslationMappingName : IntegrationText.TableCaption(translation.LocalTable));
                return false;
            case LookupTranslation.OptionCoupling:
                value = "";
                if (remote is not int option) return true;
                var options = lookups.For(field.TranslationMappingName);
                if (options is not null && options.CodeByOption.TryGetValue(option, out var optionCode))
                {
                    value = optionCode;
                    return true;
                }
                failure = SyncText.Message("OptionValueNotCoupled", column.Name, option, options is null ? field.TranslationMappingName : IntegrationText.TableCaption(options.LocalTable));
                return false;
            case LookupTranslation.ParentAccountFromBusinessRelation:
                value = "";
                if (remote is not Guid account) return true;
                if (lookups.TryCompanyNo(account, out var companyNo))
                {
                    value = companyNo;
                    return true;
                }
                failure = SyncText.Message("LookupRowNotCoupled", column.Name, account, IntegrationText.TableCaption(LocalTable.Contact));
                return false;
            default:
                return true;
        }
    }

    private static bool TryToColumn(object? value, DataverseColumn column, out object? result)
    {
        result = null;
        if (value is null) return true;
        try
        {
            switch (column.Type)
            {
                case DataverseColumnType.String:
                    var text = value is string s ? s : Format(value);
                    result = string.IsNullOrEmpty(text) ? null : text;
                    return true;
                case DataverseColumnType.Integer:
                    if (value is string si)
                    {
                        if (si.Length == 0) return true;
                        var ok = int.TryParse(si, NumberStyles.Integer, Inv, out var parsed);
                        result = parsed;
                        return ok;
                    }
                    result = Convert.ToInt32(value, Inv);
                    return true;
                case DataverseColumnType.Decimal:
                    if (value is string sd)
                    {
                        if (sd.Length == 0) return true;
                        var ok = decimal.TryParse(sd, NumberStyles.Number, Inv, out var parsed);
                        result = parsed;
                        return ok;
                    }
                    result = Convert.ToDecimal(value, Inv);
                    return true;
                case DataverseColumnType.Boolean:
                    if (value is string sb)
                    {
                        var ok = bool.TryParse(sb, out var parsed);
                        result = parsed;
                        return ok;
                    }
                    result = Convert.ToBoolean(value, Inv);
                    return true;
                case DataverseColumnType.DateTime:
                    result = value is DateTime d ? d : DateTime.Parse(Format(value)!, Inv, DateTimeStyles.AdjustToUniversal);
                    return true;
                default:
                    if (value is Guid g) { result = g; return true; }
                    if (value is string sg && sg.Length == 0) return true;
                    var okGuid = Guid.TryParse(Format(value), out var guid);
                    result = guid;
                    return okGuid;
            }
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            return false;
        }
    }

    private static bool TryToProperty(object? value, Type type, string field, int? maxLength, out object? result)
    {
        result = null;
        try
        {
            if (type == typeof(string))
            {
                var text = (value is string s ? s : Format(value) ?? "").Trim();
                if (MasterDataValidator.IsCodeField(field)) text = text.ToUpperInvariant();
                if (maxLength is { } max && text.Length > max) text = text[..max].TrimEnd();
                result = text;
                return true;
            }
            if (type.IsEnum)
            {
                if (value is null) { result = Enum.ToObject(type, 0); return true; }
                if (value is string name)
                {
                    var ok = Enum.TryParse(type, name, ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed!);
                    result = parsed;
                    return ok;
                }
                result = Enum.ToObject(type, Convert.ToInt32(value, Inv));
                return Enum.IsDefined(type, result);
            }
            if (type == typeof(decimal)) { result = value is null ? 0m : value is string sd ? decimal.Parse(sd, NumberStyles.Number, Inv) : Convert.ToDecimal(value, Inv); return true; }
            if (type == typeof(int)) { result = value is null ? 0 : value is string si ? int.Parse(si, NumberStyles.Integer, Inv) : Convert.ToInt32(value, Inv); return true; }
            if (type == typeof(bool)) { result = value is not null && (value is string sb ? bool.Parse(sb) : Convert.ToBoolean(value, Inv)); return true; }
            if (type == typeof(Guid)) { result = value is null ? Guid.Empty : value is Guid g ? g : Guid.Parse(Format(value)!); return true; }
            result = value is null ? null : Convert.ChangeType(value, type, Inv);
            return true;
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            return false;
        }
    }
}

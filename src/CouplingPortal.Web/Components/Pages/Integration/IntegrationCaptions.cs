using System.Globalization;
using CouplingPortal.Core.Integration;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData.Validation;
using CouplingPortal.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CouplingPortal.Web.Components.Pages.Integration;

/// <summary>Business Central's captions for the integration model's values, in the UI culture.</summary>
public static class IntegrationCaptions
{
    public static string Direction(this IStringLocalizer<PortalText> text, SyncDirection direction) => text["Direction" + direction];

    public static IReadOnlyList<(SyncDirection Value, string Caption)> Directions(this IStringLocalizer<PortalText> text) =>
        [.. Enum.GetValues<SyncDirection>().Select(d => (d, text.Direction(d)))];

    /// <summary>A job's direction in words, e.g. "Customer to Dataverse account" / "Dataverse account to Customer".</summary>
    public static string JobDirection(this IStringLocalizer<PortalText> text, SyncDirection direction, LocalTable? table, string? dataverseTable) =>
        text["IntAdmin_JobDirection_" + direction, table is { } t ? IntegrationText.TableCaption(t) : "?", dataverseTable ?? ""];

    public static string JobType(this IStringLocalizer<PortalText> text, IntegrationJobType type) => text["IntAdmin_JobType_" + type];

    public static string JobStatus(this IStringLocalizer<PortalText> text, IntegrationJobStatus status) => text["IntAdmin_JobStatus_" + status];

    public static IReadOnlyList<(UpdateConflictResolution Value, string Caption)> UpdateConflictResolutions(this IStringLocalizer<PortalText> text) =>
    [
        (UpdateConflictResolution.None, text["IntAdmin_ConflictNone"]),
        (UpdateConflictResolution.SendDataUpdateToDataverse, text["SendDataUpdateToDataverse"]),
        (UpdateConflictResolution.GetDataUpdateFromDataverse, text["GetDataUpdateFromDataverse"]),
    ];

    public static IReadOnlyList<(DeletionConflictResolution Value, string Caption)> DeletionConflictResolutions(this IStringLocalizer<PortalText> text) =>
    [
        (DeletionConflictResolution.None, text["IntAdmin_ConflictNone"]),
        (DeletionConflictResolution.RemoveCoupling, text["RemoveCoupling"]),
        (DeletionConflictResolution.RestoreRecords, text["RestoreRecords"]),
    ];

    public static string Caption<TEnum>(IReadOnlyList<(TEnum Value, string Caption)> options, TEnum value) where TEnum : struct, Enum =>
        options.FirstOrDefault(o => o.Value.Equals(value)).Caption ?? value.ToString();

    public static IReadOnlyList<(FieldTransformation Value, string Caption)> Transformations(this IStringLocalizer<PortalText> text) =>
        [.. Enum.GetValues<FieldTransformation>().Select(t => (t, text["IntAdmin_Transformation_" + t].Value))];

    public static IReadOnlyList<(FieldMappingStatus Value, string Caption)> FieldStatuses(this IStringLocalizer<PortalText> text) =>
        [(FieldMappingStatus.Enabled, text["IntAdmin_Enabled"]), (FieldMappingStatus.Disabled, text["IntAdmin_Disabled"])];

    public static string CompanyFilter(this IStringLocalizer<PortalText> text, CompanyFilter filter) => text["IntAdmin_CompanyFilter_" + filter];

    /// <summary>A filter as readable text: field captions, operator captions and values, e.g. "Blocked is not All".</summary>
    public static string FilterText(this IStringLocalizer<PortalText> text, RecordFilter filter, bool local)
    {
        if (filter.IsEmpty) return text["IntAdmin_NoFilter"];
        return string.Join("; ", filter.Conditions.Select(c =>
        {
            var field = local ? MasterDataText.FieldCaption(c.Field) : c.Field;
            var values = c.Operator == FilterOperator.NotEqual ? string.Join(" & ", c.Values) : string.Join(" | ", c.Values);
            return string.Join(' ', new[] { field, IntegrationText.OperatorCaption(c.Operator), values }.Where(p => p.Length > 0));
        }));
    }

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "",
        { TotalHours: >= 1 } d => d.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture),
        { TotalSeconds: >= 1 } d => d.ToString(@"m\:ss", CultureInfo.InvariantCulture),
        { } d => $"{d.TotalMilliseconds:0} ms",
    };

    /// <summary>A UTC time shown in the server's local time in the user's culture (as the rest of the portal does).</summary>
    public static string DateTime(DateTime? utc) =>
        utc is { } value ? System.DateTime.SpecifyKind(value, DateTimeKind.Utc).ToLocalTime().ToString("g", CultureInfo.CurrentCulture) : "";
}

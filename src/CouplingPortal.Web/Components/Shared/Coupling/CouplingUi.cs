using CouplingPortal.Core.Integration;
using CouplingPortal.Core.Integration.Actions;
using CouplingPortal.Core.Integration.Jobs;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Web.Localization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CouplingPortal.Web.Components.Shared.Coupling;

/// <summary>Small helpers the coupling components share: the requesting user, snackbars, captions.</summary>
public static class CouplingUi
{
    /// <summary>The signed-in user's name, for RequestedBy.</summary>
    public static async Task<string> UserNameAsync(Task<AuthenticationState>? state) =>
        state is null ? "" : (await state).User.Identity?.Name ?? "";

    /// <summary>BC's message of an action as a snackbar: Success when accepted, Warning when refused.</summary>
    public static void Show(this ISnackbar snackbar, ActionOutcome outcome) =>
        snackbar.Add(outcome.Message, outcome.Succeeded ? Severity.Success : Severity.Warning);

    public static string SyncAfterCaption(this IStringLocalizer<PortalText> text, SynchronizeAfterCoupling value) => text["Cpl_SyncAfter_" + value];

    /// <summary>A synch action as the job counters name it (Inserted, Modified, ...).</summary>
    public static string ActionCaption(this IStringLocalizer<PortalText> text, SyncAction action) => action switch
    {
        SyncAction.Insert => text["Inserted"],
        SyncAction.Modify => text["Modified"],
        SyncAction.Delete => text["Deleted"],
        SyncAction.Unchanged => text["Unchanged"],
        SyncAction.Skip => text["Skipped"],
        SyncAction.Fail => text["Failed"],
        SyncAction.Couple => text["Coupled"],
        SyncAction.Uncouple => text["Uncoupled"],
        _ => action.ToString(),
    };

    /// <summary>A job's direction in words: "Customer to Dataverse account".</summary>
    public static string DirectionInWords(this IStringLocalizer<PortalText> text, SyncDirection direction, LocalTable? table, string dataverseTable) =>
        text["IntAdmin_JobDirection_" + direction, table is { } t ? IntegrationText.TableCaption(t) : "?", dataverseTable];

    /// <summary>Dataverse actions apply to these tables on cards and lists.</summary>
    public static LocalTable? CardTable(Type entityType) =>
        CardTables.Where(t => LocalTables.EntityType(t) == entityType).Select(t => (LocalTable?)t).FirstOrDefault();

    private static readonly LocalTable[] CardTables = [LocalTable.Customer, LocalTable.Vendor, LocalTable.Contact, LocalTable.Item, LocalTable.Resource];

    public static string ProgressText(this IStringLocalizer<PortalText> text, JobProgress progress) =>
        progress.Total is { } total ? text["Cpl_JobProgress", progress.Processed, total] : text["Cpl_JobRunning"];
}

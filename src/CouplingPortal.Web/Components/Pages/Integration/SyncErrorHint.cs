using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using CouplingPortal.Web.Localization;

namespace CouplingPortal.Web.Components.Pages.Integration;

/// <summary>What kind of problem a synchronization error is, for the plain-language hint next to it.</summary>
public enum SyncErrorKind
{
    /// <summary>Throttling (429), timeouts, 5xx: the next run retries it.</summary>
    Transient = 0,
    /// <summary>The coupled record on the other side was deleted.</summary>
    CoupledToDeletedRecord = 1,
    /// <summary>Both sides changed a bidirectional field since the last synchronization.</summary>
    BidirectionalConflict = 2,
    /// <summary>A lookup (owner, currency, contact, parent account…) points at a record that is not coupled.</summary>
    MissingRelatedRecord = 3,
    /// <summary>The integration user lacks a Dataverse privilege (prvCreate…).</summary>
    MissingPrivilege = 4,
    /// <summary>Anything else: the data must be fixed.</summary>
    Other = 5,
}

/// <summary>
/// The hint shown next to a synchronization error: whether it clears by itself or what a person should do, in the
/// UI culture (English or Dutch). Pure: the message text and the transient flag decide.
/// </summary>
public static partial class SyncErrorHint
{
    private static readonly ResourceManager Text = new(typeof(PortalText).FullName!, typeof(PortalText).Assembly);

    private static readonly string[] TransientSigns =
    [
        "too many requests", "throttl", "rate limit", "retry-after", "timeout", "timed out", "time-out", "internal server error", "bad gateway", "service unavailable", "gateway timeout",
        "te veel aanvragen", "time-out", "niet beschikbaar",
    ];

    private static readonly string[] PrivilegeSigns = [" prv", "prvcreate", "prvwrite", "prvread", "prvdelete", "prvappend", "privilege", "0x80040220", "bevoegdheid"];

    private static readonly string[] DeletedSigns = ["coupled to a deleted record", "gekoppeld aan een verwijderd", "has been deleted", "was deleted", "is verwijderd"];

    private static readonly string[] ConflictSigns = ["bi-directional", "bidirectional", "bidirectioneel", "both sides changed", "changed since the last synchronization", "update conflict", "updateconflict"];

    private static readonly string[] LookupSigns =
    [
        "not coupled", "niet gekoppeld", "ownerid", "transactioncurrencyid", "primarycontactid", "parentcustomerid",
        "lookup", "related record", "gerelateerd record",
    ];

    private static readonly string[] RelatedTables = ["owner", "eigenaar", "currency", "valuta", "contact", "salesperson", "verkoper"];

    private static readonly string[] NotFoundSigns = ["missing", "not found", "cannot be found", "could not be found", "does not exist", "ontbreekt", "niet gevonden", "bestaat niet"];

    public static SyncErrorKind Classify(string? message, bool isTransient)
    {
        var text = (message ?? "").ToLowerInvariant();
        if (isTransient || Contains(text, TransientSigns) || TransientStatusCode().IsMatch(text)) return SyncErrorKind.Transient;
        if (Contains(text, PrivilegeSigns)) return SyncErrorKind.MissingPrivilege;
        if (Contains(text, DeletedSigns)) return SyncErrorKind.CoupledToDeletedRecord;
        if (Contains(text, ConflictSigns)) return SyncErrorKind.BidirectionalConflict;
        if (Contains(text, LookupSigns) || (Contains(text, RelatedTables) && Contains(text, NotFoundSigns))) return SyncErrorKind.MissingRelatedRecord;
        return SyncErrorKind.Other;
    }

    /// <summary>The hint for an error, in the current UI culture.</summary>
    public static string For(string? message, bool isTransient)
    {
        var kind = Classify(message, isTransient);
        var hint = Resource("SyncErrorHint_" + kind);
        return kind == SyncErrorKind.Other ? string.Format(CultureInfo.CurrentUICulture, hint, (message ?? "").Trim()) : hint;
    }

    /// <summary>True when the error clears by itself on a later run; otherwise a person must act.</summary>
    public static bool ClearsByItself(string? message, bool isTransient) => Classify(message, isTransient) == SyncErrorKind.Transient;

    private static bool Contains(string text, string[] signs) => signs.Any(s => text.Contains(s, StringComparison.Ordinal));

    /// <summary>An HTTP status that Dataverse answers when it is busy or failing, not a number inside a record key (50000).</summary>
    [GeneratedRegex(@"(?<![\w.])(429|500|502|503|504)(?![\w.])")]
    private static partial Regex TransientStatusCode();

    private static string Resource(string key) =>
        Text.GetString(key, CultureInfo.CurrentUICulture) ?? throw new InvalidOperationException($"Missing text resource '{key}'.");
}

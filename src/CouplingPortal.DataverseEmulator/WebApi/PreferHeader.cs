namespace CouplingPortal.DataverseEmulator.WebApi;

/// <summary>The Prefer preferences Dataverse honours (reference §1.2).</summary>
internal sealed class PreferHeader
{
    public bool ReturnRepresentation { get; private init; }
    public int? MaxPageSize { get; private init; }
    public bool TrackChanges { get; private init; }
    public bool ContinueOnError { get; private init; }
    public string? IncludeAnnotationsRaw { get; private init; }
    public AnnotationFilter Annotations { get; private init; } = AnnotationFilter.None;

    private static readonly PreferHeader Empty = new();

    public static PreferHeader Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header)) return Empty;
        bool rep = false, track = false, cont = false;
        int? max = null;
        string? annotations = null;
        foreach (var part in SplitOutsideQuotes(header))
        {
            var eq = part.IndexOf('=');
            var name = (eq < 0 ? part : part[..eq]).Trim().ToLowerInvariant();
            var value = eq < 0 ? "" : part[(eq + 1)..].Trim().Trim('"');
            switch (name)
            {
                case "return" when value == "representation": rep = true; break;
                case "odata.maxpagesize" when int.TryParse(value, out var n) && n > 0: max = n; break;
                case "odata.track-changes": track = true; break;
                case "odata.continue-on-error": cont = true; break;
                case "odata.include-annotations": annotations = value; break;
            }
        }
        return new PreferHeader
        {
            ReturnRepresentation = rep,
            MaxPageSize = max,
            TrackChanges = track,
            ContinueOnError = cont,
            IncludeAnnotationsRaw = annotations,
            Annotations = annotations is null ? AnnotationFilter.None : new AnnotationFilter(annotations.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
        };
    }

    private static IEnumerable<string> SplitOutsideQuotes(string header)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i] == '"') quoted = !quoted;
            else if (header[i] == ',' && !quoted)
            {
                yield return header[start..i];
                start = i + 1;
            }
        }
        yield return header[start..];
    }
}

/// <summary>Which instance annotations odata.include-annotations asked for ("*", exact names, or "Namespace.*").</summary>
internal sealed class AnnotationFilter(IReadOnlyList<string> patterns)
{
    public static AnnotationFilter None { get; } = new([]);

    public const string FormattedValue = "OData.Community.Display.V1.FormattedValue";
    public const string LookupLogicalName = "Microsoft.Dynamics.CRM.lookuplogicalname";
    public const string AssociatedNavigationProperty = "Microsoft.Dynamics.CRM.associatednavigationproperty";
    public const string TotalRecordCount = "Microsoft.Dynamics.CRM.totalrecordcount";
    public const string TotalRecordCountLimitExceeded = "Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded";

    public bool Any => patterns.Count > 0;

    public bool Includes(string term) => patterns.Any(p =>
        p == "*" || string.Equals(p, term, StringComparison.OrdinalIgnoreCase) ||
        (p.EndsWith(".*", StringComparison.Ordinal) && term.StartsWith(p[..^1], StringComparison.OrdinalIgnoreCase)));
}

namespace CouplingPortal.Web.Components.Shared;

/// <summary>
/// A filter a master-data list offers above its grid: <see cref="Field"/> is the entity property the Core list
/// filters on, and each option pairs the filter value with its caption (an empty value means "all").
/// </summary>
public sealed record ListFilter(string Field, string Caption, IReadOnlyList<ListFilterOption> Options);

public sealed record ListFilterOption(string Value, string Caption);

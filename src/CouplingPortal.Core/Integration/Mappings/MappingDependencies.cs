using CouplingPortal.Core.Integration.DefaultSetup;

namespace CouplingPortal.Core.Integration.Mappings;

/// <summary>The order in which mappings synchronize: every mapping after the mappings in its <see cref="IntegrationTableMapping.Dependencies"/>.</summary>
public static class MappingDependencies
{
    /// <summary>
    /// The mappings in dependency order; among mappings that are free to go, BC's priority order
    /// (<see cref="DefaultMappings.Names"/>), then by name. Dependencies on mappings not in the list are ignored (a
    /// selection of mappings can be synchronized alone). Throws <see cref="InvalidOperationException"/> on a cycle.
    /// </summary>
    public static IReadOnlyList<IntegrationTableMapping> InSyncOrder(IEnumerable<IntegrationTableMapping> mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        var pending = mappings.ToDictionary(m => m.Name, StringComparer.OrdinalIgnoreCase);
        var ordered = new List<IntegrationTableMapping>(pending.Count);
        while (pending.Count > 0)
        {
            var next = pending.Values
                .Where(m => !m.Dependencies.Any(d => pending.ContainsKey(d) && !string.Equals(d, m.Name, StringComparison.OrdinalIgnoreCase)))
                .Where(m => !m.Dependencies.Contains(m.Name, StringComparer.OrdinalIgnoreCase))
                .OrderBy(m => Priority(m.Name)).ThenBy(m => m.Name, StringComparer.Ordinal)
                .FirstOrDefault()
                ?? throw new InvalidOperationException(IntegrationText.Message("MappingDependsOnItself",
                    string.Join(", ", pending.Keys.Order(StringComparer.Ordinal))));
            ordered.Add(next);
            pending.Remove(next.Name);
        }
        return ordered;
    }

    private static int Priority(string name)
    {
        var index = DefaultMappings.Names.ToList().FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? int.MaxValue : index;
    }
}

using CouplingPortal.DataverseEmulator.Storage;

namespace CouplingPortal.DataverseEmulator.Querying;

/// <summary>Orders rows by the $orderby keys, then by primary key (Dataverse's stable tiebreak).</summary>
internal sealed class RowOrder(IReadOnlyList<OrderKey> keys) : IComparer<EntityRow>
{
    public IReadOnlyList<OrderKey> Keys => keys;

    public int Compare(EntityRow? a, EntityRow? b)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var c = ValueComparer.Compare(a!.Get(keys[i].Column.LogicalName), b!.Get(keys[i].Column.LogicalName));
            if (c != 0) return keys[i].Descending ? -c : c;
        }
        return a!.Id.CompareTo(b!.Id);
    }

    public int CompareToPosition(EntityRow row, IReadOnlyList<object?> values, Guid id)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var c = ValueComparer.Compare(row.Get(keys[i].Column.LogicalName), values[i]);
            if (c != 0) return keys[i].Descending ? -c : c;
        }
        return row.Id.CompareTo(id);
    }

    public IReadOnlyList<object?> Position(EntityRow row) =>
        keys.Select(k => ValueComparer.Comparable(row.Get(k.Column.LogicalName))).ToList();
}

internal sealed record QueryPage(IReadOnlyList<EntityRow> Rows, bool HasMore, int Total);

/// <summary>Runs a bound query over a table's rows (call under the store lock). Keyset paging with a bounded heap: O(n log k).</summary>
internal static class QueryRunner
{
    public const int CountLimit = 5000;

    public static QueryPage Run(TableData table, FilterNode? filter, RowOrder order, PagingToken? after, int take)
    {
        var heap = new PriorityQueue<EntityRow, EntityRow>(Comparer<EntityRow>.Create((x, y) => order.Compare(y, x)));
        var limit = take + 1;
        var total = 0;
        foreach (var row in table.Rows.Values)
        {
            if (filter is not null && !filter.Matches(row)) continue;
            total++;
            if (after is not null && order.CompareToPosition(row, after.LastValues, after.LastId) <= 0) continue;
            if (heap.Count < limit) heap.Enqueue(row, row);
            else if (order.Compare(row, heap.Peek()) < 0) heap.DequeueEnqueue(row, row);
        }
        var rows = new List<EntityRow>(heap.Count);
        while (heap.Count > 0) rows.Add(heap.Dequeue());
        rows.Reverse();
        var hasMore = rows.Count > take;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        return new QueryPage(rows, hasMore, total);
    }
}

using System.Globalization;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Integration.Synchronization;

/// <summary>
/// A small number series for records created from Dataverse: the next free No. (or Code) after the highest in the
/// table, increasing the trailing digits the way BC's INCSTR does (C00099 → C00100). Salespeople get "SP NO. n" as in
/// BC. Numbers are handed out per chunk and checked against the table in one query, so a run never reuses a key.
/// </summary>
internal sealed class NumberSeries
{
    private const string SalespersonPrefix = "SP NO. ";
    private readonly LocalTable _table;
    private readonly string _keyField;
    private string _last;

    private NumberSeries(LocalTable table, string last)
    {
        _table = table;
        _keyField = LocalTables.KeyField(table);
        _last = last;
    }

    public static async Task<NumberSeries> LoadAsync(PortalDbContext db, LocalTable table, CancellationToken ct)
    {
        var keys = KeyQuery(db, table, LocalTables.KeyField(table));
        string last;
        if (table == LocalTable.SalespersonPurchaser)
        {
            var codes = await keys.Where(k => k.StartsWith(SalespersonPrefix)).ToListAsync(ct);
            var highest = codes.Select(c => int.TryParse(c[SalespersonPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
                .DefaultIfEmpty(0).Max();
            last = SalespersonPrefix + highest.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            last = await keys.OrderByDescending(k => k).FirstOrDefaultAsync(ct) ?? "";
            if (last.Length == 0) last = "DV00000";
        }
        return new NumberSeries(table, last);
    }

    /// <summary><paramref name="count"/> new keys that no record of the table has.</summary>
    public async Task<List<string>> TakeAsync(PortalDbContext db, int count, CancellationToken ct)
    {
        var result = new List<string>(count);
        while (result.Count < count)
        {
            var candidates = new List<string>(count - result.Count);
            while (candidates.Count < count - result.Count)
                candidates.Add(_last = Increment(_last));
            var taken = await KeyQuery(db, _table, _keyField).Where(k => candidates.Contains(k)).ToListAsync(ct);
            result.AddRange(candidates.Except(taken, StringComparer.OrdinalIgnoreCase));
        }
        return result;
    }

    /// <summary>BC's INCSTR: increases the number at the end of the text, keeping its width when it fits; appends 1 when there is none.</summary>
    internal static string Increment(string value)
    {
        var end = value.Length;
        var start = end;
        while (start > 0 && char.IsAsciiDigit(value[start - 1])) start--;
        if (start == end) return value + "1";
        var digits = value[start..end];
        var next = (System.Numerics.BigInteger.Parse(digits, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        return value[..start] + next.PadLeft(digits.Length, '0');
    }

    private static IQueryable<string> KeyQuery(PortalDbContext db, LocalTable table, string keyField)
    {
        var method = typeof(NumberSeries).GetMethod(nameof(Keys), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(LocalTables.EntityType(table));
        return (IQueryable<string>)method.Invoke(null, [db, keyField])!;
    }

    private static IQueryable<string> Keys<T>(PortalDbContext db, string keyField) where T : MasterRecord =>
        db.Set<T>().AsNoTracking().Select(e => EF.Property<string>(e, keyField));
}

using System.Globalization;
using CouplingPortal.Core.Integration.Mappings;

namespace CouplingPortal.Core.Integration.Filters;

/// <summary>Typing of filter values: which operators a field type takes, and how invariant text becomes a value.</summary>
internal static class FilterValues
{
    public static Type ClrType(DataverseColumnType type) => type switch
    {
        DataverseColumnType.String => typeof(string),
        DataverseColumnType.Integer => typeof(int),
        DataverseColumnType.Decimal => typeof(decimal),
        DataverseColumnType.Boolean => typeof(bool),
        DataverseColumnType.DateTime => typeof(DateTime),
        _ => typeof(Guid),
    };

    public static bool OperatorAllowed(Type type, FilterOperator op)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!Enum.IsDefined(op)) return false;
        if (type == typeof(string)) return true;
        if (op is FilterOperator.Contains or FilterOperator.StartsWith) return false;
        if (type == typeof(bool)) return op is FilterOperator.Equal or FilterOperator.NotEqual;
        if (type.IsEnum || type == typeof(Guid)) return op is FilterOperator.Equal or FilterOperator.NotEqual or FilterOperator.IsEmpty or FilterOperator.IsNotEmpty;
        return true;
    }

    /// <summary>How many values the operator takes: (min, max).</summary>
    public static (int Min, int Max) ValueCount(FilterOperator op) => op switch
    {
        FilterOperator.Equal or FilterOperator.NotEqual => (1, int.MaxValue),
        FilterOperator.IsEmpty or FilterOperator.IsNotEmpty => (0, 0),
        _ => (1, 1),
    };

    public static bool TryParse(string raw, Type type, out object? value)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        value = null;
        if (raw is null) return false;
        var inv = CultureInfo.InvariantCulture;
        if (type == typeof(string)) { value = raw; return true; }
        if (type.IsEnum)
        {
            // A member name (any case) or a defined number; never an undefined number.
            if (Enum.TryParse(type, raw.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed!)) { value = parsed; return true; }
            return false;
        }
        if (type == typeof(bool)) { var ok = bool.TryParse(raw.Trim(), out var b); value = b; return ok; }
        if (type == typeof(int)) { var ok = int.TryParse(raw.Trim(), NumberStyles.Integer, inv, out var i); value = i; return ok; }
        if (type == typeof(long)) { var ok = long.TryParse(raw.Trim(), NumberStyles.Integer, inv, out var l); value = l; return ok; }
        if (type == typeof(decimal)) { var ok = decimal.TryParse(raw.Trim(), NumberStyles.Number, inv, out var m); value = m; return ok; }
        if (type == typeof(Guid)) { var ok = Guid.TryParse(raw.Trim(), out var g); value = g; return ok; }
        if (type == typeof(DateTime))
        {
            var ok = DateTime.TryParse(raw.Trim(), inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d);
            value = DateTime.SpecifyKind(d, DateTimeKind.Utc);
            return ok;
        }
        return false;
    }

    /// <summary>The "no value" of a field type, for queries: null for nullable types, "" for text, default otherwise.</summary>
    public static object? EmptyValue(Type type) =>
        type == typeof(string) ? "" : Nullable.GetUnderlyingType(type) is not null || !type.IsValueType ? null : Activator.CreateInstance(type);

    /// <summary>The "no value" of a type: what IsEmpty compares with.</summary>
    public static bool IsEmptyValue(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        Guid g => g == Guid.Empty,
        bool b => !b,
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture) == 0,
        int i => i == 0,
        long l => l == 0,
        decimal m => m == 0,
        DateTime d => d == default,
        _ => false,
    };
}

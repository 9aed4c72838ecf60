using System.Text.RegularExpressions;
using CouplingPortal.DataverseEmulator.Metadata;
using CouplingPortal.DataverseEmulator.Storage;

namespace CouplingPortal.DataverseEmulator.Querying;

/// <summary>A bound $filter expression: a predicate over stored rows.</summary>
internal abstract class FilterNode
{
    public abstract bool Matches(EntityRow row);
}

internal enum ComparisonOperator { Eq, Ne, Gt, Ge, Lt, Le }

/// <summary>An operand: a column of the row or a literal already converted to the column's type.</summary>
internal abstract class ValueNode
{
    public abstract object? Evaluate(EntityRow row);
}

internal sealed class PropertyNode(ColumnDefinition column) : ValueNode
{
    public ColumnDefinition Column { get; } = column;
    public override object? Evaluate(EntityRow row) => ValueComparer.Comparable(row.Get(Column.LogicalName));
}

internal sealed class LiteralNode(object? value) : ValueNode
{
    public object? Value { get; } = value;
    public override object? Evaluate(EntityRow row) => Value;
}

internal sealed class ComparisonNode(ValueNode left, ComparisonOperator op, ValueNode right) : FilterNode
{
    private readonly bool _comparesWithNull = left is LiteralNode { Value: null } || right is LiteralNode { Value: null };

    public override bool Matches(EntityRow row)
    {
        var l = left.Evaluate(row);
        var r = right.Evaluate(row);
        if (l is null || r is null)
        {
            // "x eq null" / "x ne null" test for emptiness; otherwise an empty column matches nothing,
            // not even "ne" (SQL semantics, as Dataverse's "does not equal" excludes empty values).
            if (!_comparesWithNull) return false;
            var bothNull = l is null && r is null;
            return op switch
            {
                ComparisonOperator.Eq => bothNull,
                ComparisonOperator.Ne => !bothNull,
                _ => false,
            };
        }
        var c = ValueComparer.Compare(l, r);
        return op switch
        {
            ComparisonOperator.Eq => c == 0,
            ComparisonOperator.Ne => c != 0,
            ComparisonOperator.Gt => c > 0,
            ComparisonOperator.Ge => c >= 0,
            ComparisonOperator.Lt => c < 0,
            _ => c <= 0,
        };
    }
}

internal sealed class AndNode(FilterNode left, FilterNode right) : FilterNode
{
    public override bool Matches(EntityRow row) => left.Matches(row) && right.Matches(row);
}

internal sealed class OrNode(FilterNode left, FilterNode right) : FilterNode
{
    public override bool Matches(EntityRow row) => left.Matches(row) || right.Matches(row);
}

internal sealed class NotNode(FilterNode inner) : FilterNode
{
    public override bool Matches(EntityRow row) => !inner.Matches(row);
}

/// <summary>contains / startswith / endswith: SQL LIKE semantics, so %, _ and [..] in the pattern are wildcards (as in Dataverse).</summary>
internal sealed class LikeNode(ValueNode subject, Regex pattern) : FilterNode
{
    public override bool Matches(EntityRow row) => subject.Evaluate(row) is string s && pattern.IsMatch(s);
}

/// <summary>Microsoft.Dynamics.CRM.In / NotIn.</summary>
internal sealed class InNode(ValueNode subject, IReadOnlyList<object?> values, bool negate) : FilterNode
{
    public override bool Matches(EntityRow row)
    {
        var v = subject.Evaluate(row);
        if (v is null) return false;
        var found = values.Any(x => ValueComparer.AreEqual(v, x));
        return negate ? !found : found;
    }
}

/// <summary>Microsoft.Dynamics.CRM.Between / NotBetween (inclusive).</summary>
internal sealed class BetweenNode(ValueNode subject, object low, object high, bool negate) : FilterNode
{
    public override bool Matches(EntityRow row)
    {
        var v = subject.Evaluate(row);
        if (v is null) return false;
        var inside = ValueComparer.Compare(v, low) >= 0 && ValueComparer.Compare(v, high) <= 0;
        return negate ? !inside : inside;
    }
}

/// <summary>Microsoft.Dynamics.CRM.Null / NotNull.</summary>
internal sealed class NullNode(ValueNode subject, bool negate) : FilterNode
{
    public override bool Matches(EntityRow row) => subject.Evaluate(row) is null != negate;
}

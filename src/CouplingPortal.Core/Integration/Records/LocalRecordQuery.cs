using System.Linq.Expressions;
using System.Reflection;
using CouplingPortal.Core.Data;
using CouplingPortal.Core.Integration.Filters;
using CouplingPortal.Core.Integration.Mappings;
using CouplingPortal.Core.MasterData;
using Microsoft.EntityFrameworkCore;

namespace CouplingPortal.Core.Integration.Records;

/// <summary>
/// The local records of a mapping as a database query: the table's set with the table filter translated into SQL
/// (same semantics as <see cref="LocalFilterEvaluator"/>: text compares ignore case, Equal holds for any value,
/// NotEqual for none). The engine pages and narrows it further (by SystemId, by SystemModifiedAt); it never loads a
/// table to filter it in memory.
/// </summary>
public static class LocalRecordQuery
{
    private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;
    private static readonly MethodInfo ToLowerMethod = typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!;
    private static readonly MethodInfo ContainsMethod = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo StartsWithMethod = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;
    private static readonly MethodInfo CompareMethod = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    /// <summary>Every record of <paramref name="table"/> that passes <paramref name="filter"/>, untracked.</summary>
    public static IQueryable<MasterRecord> Query(PortalDbContext db, LocalTable table, RecordFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var errors = RecordFilterValidator.ValidateLocal(table, filter);
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors.Select(e => e.Message)), nameof(filter));

        var type = LocalTables.EntityType(table);
        var set = (IQueryable)SetMethod.MakeGenericMethod(type).Invoke(db, null)!;
        var parameter = Expression.Parameter(type, "r");
        Expression body = Expression.Constant(true);
        foreach (var condition in filter.Conditions)
            body = Expression.AndAlso(body, Condition(table, parameter, condition));

        var where = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [type], set.Expression,
            Expression.Quote(Expression.Lambda(body, parameter)));
        var noTracking = Expression.Call(typeof(EntityFrameworkQueryableExtensions), nameof(EntityFrameworkQueryableExtensions.AsNoTracking), [type], where);
        return (IQueryable<MasterRecord>)set.Provider.CreateQuery(noTracking);
    }

    /// <summary>The records of the mapping's local table in its table filter.</summary>
    public static IQueryable<MasterRecord> ForMapping(PortalDbContext db, IntegrationTableMapping mapping) =>
        Query(db, mapping.LocalTable, mapping.TableFilter);

    /// <summary>Loads the records with these SystemIds (in chunks, one query each), tracked or not; unknown ids are left out.</summary>
    public static async Task<List<MasterRecord>> LoadAsync(IQueryable<MasterRecord> query, IReadOnlyCollection<Guid> systemIds, CancellationToken ct, int chunkSize = 400)
    {
        var result = new List<MasterRecord>(systemIds.Count);
        foreach (var chunk in systemIds.Distinct().Chunk(chunkSize))
            result.AddRange(await query.Where(r => chunk.Contains(r.SystemId)).ToListAsync(ct));
        return result;
    }

    private static Expression Condition(LocalTable table, ParameterExpression record, FilterCondition condition)
    {
        var property = LocalTables.Field(table, condition.Field)!;
        var member = Expression.Property(record, property);
        var type = property.PropertyType;
        Expression Value(string raw) => Expression.Constant(FilterValues.TryParse(raw, type, out var v) ? v : throw new InvalidOperationException("validated"), type);

        if (type == typeof(string))
        {
            var lower = Expression.Call(Expression.Coalesce(member, Expression.Constant("")), ToLowerMethod);
            Expression Text(string raw) => Expression.Constant(raw.ToLowerInvariant());
            Expression Compare(string raw) => Expression.Call(CompareMethod, lower, Text(raw));
            return condition.Operator switch
            {
                FilterOperator.Equal => condition.Values.Select(v => (Expression)Expression.Equal(lower, Text(v))).Aggregate(Expression.OrElse),
                FilterOperator.NotEqual => condition.Values.Select(v => (Expression)Expression.NotEqual(lower, Text(v))).Aggregate(Expression.AndAlso),
                FilterOperator.GreaterThan => Expression.GreaterThan(Compare(condition.Values[0]), Expression.Constant(0)),
                FilterOperator.GreaterThanOrEqual => Expression.GreaterThanOrEqual(Compare(condition.Values[0]), Expression.Constant(0)),
                FilterOperator.LessThan => Expression.LessThan(Compare(condition.Values[0]), Expression.Constant(0)),
                FilterOperator.LessThanOrEqual => Expression.LessThanOrEqual(Compare(condition.Values[0]), Expression.Constant(0)),
                FilterOperator.Contains => Expression.Call(lower, ContainsMethod, Text(condition.Values[0])),
                FilterOperator.StartsWith => Expression.Call(lower, StartsWithMethod, Text(condition.Values[0])),
                FilterOperator.IsEmpty => Expression.Equal(lower, Expression.Constant("")),
                FilterOperator.IsNotEmpty => Expression.NotEqual(lower, Expression.Constant("")),
                _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Operator, null),
            };
        }

        var empty = Expression.Constant(FilterValues.EmptyValue(type), type);
        return condition.Operator switch
        {
            FilterOperator.Equal => condition.Values.Select(v => (Expression)Expression.Equal(member, Value(v))).Aggregate(Expression.OrElse),
            FilterOperator.NotEqual => condition.Values.Select(v => (Expression)Expression.NotEqual(member, Value(v))).Aggregate(Expression.AndAlso),
            FilterOperator.GreaterThan => Expression.GreaterThan(member, Value(condition.Values[0])),
            FilterOperator.GreaterThanOrEqual => Expression.GreaterThanOrEqual(member, Value(condition.Values[0])),
            FilterOperator.LessThan => Expression.LessThan(member, Value(condition.Values[0])),
            FilterOperator.LessThanOrEqual => Expression.LessThanOrEqual(member, Value(condition.Values[0])),
            FilterOperator.IsEmpty => Expression.Equal(member, empty),
            FilterOperator.IsNotEmpty => Expression.NotEqual(member, empty),
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition.Operator, null),
        };
    }
}

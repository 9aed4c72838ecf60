using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CouplingPortal.DataverseEmulator.Metadata;
using CouplingPortal.DataverseEmulator.WebApi;

namespace CouplingPortal.DataverseEmulator.Querying;

/// <summary>
/// Parses the $filter subset Dataverse supports and binds it to a table: eq ne gt ge lt le, and/or/not, parentheses,
/// contains/startswith/endswith, Microsoft.Dynamics.CRM.In/NotIn/Between/NotBetween/Null/NotNull, literals.
/// Anything else is refused with 400, as Dataverse does.
/// </summary>
internal sealed class FilterParser
{
    private readonly List<Token> _tokens;
    private readonly string _text;
    private readonly TableDefinition _table;
    private int _p;

    private FilterParser(string text, TableDefinition table)
    {
        _text = text;
        _table = table;
        _tokens = ODataTokenizer.Tokenize(text);
    }

    public static FilterNode Parse(string text, TableDefinition table)
    {
        if (string.IsNullOrWhiteSpace(text)) throw DataverseErrors.BadRequest("The $filter query option must not be empty.");
        var parser = new FilterParser(text, table);
        var node = parser.ParseOr();
        if (parser.Current.Kind != TokenKind.End) throw ODataTokenizer.SyntaxError(text, parser.Current.Position);
        return node;
    }

    private Token Current => _tokens[_p];

    private bool IsKeyword(string keyword) => Current.Kind == TokenKind.Identifier && Current.Text == keyword;

    private Token Expect(TokenKind kind)
    {
        if (Current.Kind != kind) throw ODataTokenizer.SyntaxError(_text, Current.Position);
        return _tokens[_p++];
    }

    private FilterNode ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword("or")) { _p++; left = new OrNode(left, ParseAnd()); }
        return left;
    }

    private FilterNode ParseAnd()
    {
        var left = ParseUnary();
        while (IsKeyword("and")) { _p++; left = new AndNode(left, ParseUnary()); }
        return left;
    }

    private FilterNode ParseUnary()
    {
        if (IsKeyword("not")) { _p++; return new NotNode(ParseUnary()); }
        if (Current.Kind == TokenKind.OpenParen)
        {
            _p++;
            var inner = ParseOr();
            Expect(TokenKind.CloseParen);
            return inner;
        }
        if (Current.Kind == TokenKind.Identifier && _tokens[_p + 1].Kind == TokenKind.OpenParen && !IsLiteralKeyword(Current.Text))
            return ParseFunction();
        return ParseComparison();
    }

    private static bool IsLiteralKeyword(string text) => text is "null" or "true" or "false";

    private FilterNode ParseComparison()
    {
        var left = ParseOperand();
        var opToken = Current;
        if (opToken.Kind != TokenKind.Identifier) throw ODataTokenizer.SyntaxError(_text, opToken.Position);
        ComparisonOperator op = opToken.Text switch
        {
            "eq" => ComparisonOperator.Eq,
            "ne" => ComparisonOperator.Ne,
            "gt" => ComparisonOperator.Gt,
            "ge" => ComparisonOperator.Ge,
            "lt" => ComparisonOperator.Lt,
            "le" => ComparisonOperator.Le,
            "has" or "in" or "add" or "sub" or "mul" or "div" or "mod" =>
                throw DataverseErrors.BadRequest($"The operator '{opToken.Text}' is not supported in $filter (position {opToken.Position})."),
            _ => throw ODataTokenizer.SyntaxError(_text, opToken.Position),
        };
        _p++;
        var right = ParseOperand();
        return Bind(left, op, right);
    }

    private readonly record struct Operand(ValueNode Node, string? EdmType, Token Token);

    private Operand ParseOperand()
    {
        var t = Current;
        _p++;
        switch (t.Kind)
        {
            case TokenKind.String: return new(new LiteralNode(t.Value), "Edm.String", t);
            case TokenKind.Integer: return new(new LiteralNode((decimal)(long)t.Value!), "Edm.Int64", t);
            case TokenKind.Decimal: return new(new LiteralNode(t.Value), "Edm.Decimal", t);
            case TokenKind.Guid: return new(new LiteralNode(t.Value), "Edm.Guid", t);
            case TokenKind.DateTime: return new(new LiteralNode(t.Value), "Edm.DateTimeOffset", t);
            case TokenKind.Identifier:
                switch (t.Text)
                {
                    case "null": return new(new LiteralNode(null), null, t);
                    case "true": return new(new LiteralNode(true), "Edm.Boolean", t);
                    case "false": return new(new LiteralNode(false), "Edm.Boolean", t);
                }
                var column = ResolveProperty(t.Text);
                return new(new PropertyNode(column), column.EdmType, t);
            default:
                throw ODataTokenizer.SyntaxError(_text, t.Position);
        }
    }

    private ColumnDefinition ResolveProperty(string name)
    {
        if (name.Contains('/'))
            throw DataverseErrors.BadRequest($"Filtering through the navigation path '{name}' is not supported by the emulator.");
        return _table.ColumnsByPropertyName.TryGetValue(name, out var column)
            ? column
            : throw DataverseErrors.UnknownProperty(name, _table.EdmTypeName);
    }

    private static string Category(string edmType) => edmType switch
    {
        "Edm.Int32" or "Edm.Int64" or "Edm.Decimal" or "Edm.Double" => "number",
        _ => edmType,
    };

    private FilterNode Bind(Operand left, ComparisonOperator op, Operand right)
    {
        if (left.EdmType is not null && right.EdmType is not null && Category(left.EdmType) != Category(right.EdmType))
        {
            var kind = op switch
            {
                ComparisonOperator.Eq => "Equal", ComparisonOperator.Ne => "NotEqual", ComparisonOperator.Gt => "GreaterThan",
                ComparisonOperator.Ge => "GreaterThanOrEqual", ComparisonOperator.Lt => "LessThan", _ => "LessThanOrEqual",
            };
            throw DataverseErrors.BadRequest($"A binary operator with incompatible types was detected. Found operand types '{left.EdmType}' and '{right.EdmType}' for operator kind '{kind}'.");
        }
        if ((left.EdmType is null || right.EdmType is null) && op is not (ComparisonOperator.Eq or ComparisonOperator.Ne))
            throw DataverseErrors.BadRequest("The null literal can only be compared with eq or ne.");
        return new ComparisonNode(left.Node, op, right.Node);
    }

    private FilterNode ParseFunction()
    {
        var nameToken = Expect(TokenKind.Identifier);
        var name = nameToken.Text;
        Expect(TokenKind.OpenParen);
        switch (name)
        {
            case "contains":
            case "startswith":
            case "endswith":
            {
                var subject = ParseOperand();
                Expect(TokenKind.Comma);
                var pattern = ParseOperand();
                Expect(TokenKind.CloseParen);
                if (subject.Node is not PropertyNode { Column.EdmType: "Edm.String" })
                    throw DataverseErrors.BadRequest($"The first argument of '{name}' must be a string column.");
                if (pattern.Node is not LiteralNode { Value: string text })
                    throw DataverseErrors.BadRequest($"The second argument of '{name}' must be a string literal.");
                return new LikeNode(subject.Node, LikeRegex(text, anchorStart: name == "startswith", anchorEnd: name == "endswith"));
            }
            case "Microsoft.Dynamics.CRM.In":
            case "Microsoft.Dynamics.CRM.NotIn":
            case "Microsoft.Dynamics.CRM.Between":
            case "Microsoft.Dynamics.CRM.NotBetween":
            case "Microsoft.Dynamics.CRM.Null":
            case "Microsoft.Dynamics.CRM.NotNull":
                return ParseDataverseFunction(name[23..]);
            default:
                throw DataverseErrors.BadRequest($"An unknown function with name '{name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.");
        }
    }

    private FilterNode ParseDataverseFunction(string function)
    {
        string? propertyName = null;
        List<string>? values = null;
        while (Current.Kind != TokenKind.CloseParen)
        {
            var argName = Expect(TokenKind.Identifier).Text;
            Expect(TokenKind.Equals);
            if (argName == "PropertyName")
                propertyName = Expect(TokenKind.String).Value as string;
            else if (argName == "PropertyValues")
            {
                values = [];
                Expect(TokenKind.OpenBracket);
                while (Current.Kind != TokenKind.CloseBracket)
                {
                    var v = Current;
                    _p++;
                    values.Add(v.Kind == TokenKind.String ? (string)v.Value! : v.Text);
                    if (Current.Kind == TokenKind.Comma) _p++;
                }
                Expect(TokenKind.CloseBracket);
            }
            else
                throw DataverseErrors.BadRequest($"Unknown parameter '{argName}' for Microsoft.Dynamics.CRM.{function}.");
            if (Current.Kind == TokenKind.Comma) _p++;
        }
        Expect(TokenKind.CloseParen);
        if (propertyName is null) throw DataverseErrors.BadRequest($"Microsoft.Dynamics.CRM.{function} requires PropertyName.");
        var column = ResolveProperty(propertyName);
        var subject = new PropertyNode(column);
        switch (function)
        {
            case "Null": return new NullNode(subject, negate: false);
            case "NotNull": return new NullNode(subject, negate: true);
        }
        if (values is null || values.Count == 0) throw DataverseErrors.BadRequest($"Microsoft.Dynamics.CRM.{function} requires PropertyValues.");
        var typed = values.Select(v => ConvertText(column, v)).ToList();
        if (function is "Between" or "NotBetween")
        {
            if (typed.Count != 2) throw DataverseErrors.BadRequest($"Microsoft.Dynamics.CRM.{function} requires exactly two PropertyValues.");
            return new BetweenNode(subject, typed[0]!, typed[1]!, negate: function == "NotBetween");
        }
        return new InNode(subject, typed, negate: function == "NotIn");
    }

    /// <summary>Converts a text value (function parameters, key segments) to a column's comparable type.</summary>
    internal static object ConvertText(ColumnDefinition column, string text)
    {
        object? result = column.EdmType switch
        {
            "Edm.String" => text,
            "Edm.Guid" => Guid.TryParse(text, out var g) ? g : null,
            "Edm.Int32" or "Edm.Int64" or "Edm.Decimal" => decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
            "Edm.Boolean" => bool.TryParse(text, out var b) ? b : null,
            "Edm.DateTimeOffset" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto) ? dto.UtcDateTime : null,
            _ => null,
        };
        return result ?? throw DataverseErrors.BadRequest($"Cannot convert the literal '{text}' to the expected type '{column.EdmType}'.");
    }

    /// <summary>Translates a SQL LIKE pattern fragment (%, _, [set]) into an anchored, case-insensitive regex.</summary>
    internal static Regex LikeRegex(string pattern, bool anchorStart, bool anchorEnd)
    {
        var sb = new StringBuilder("^");
        if (!anchorStart) sb.Append(".*");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '%': sb.Append(".*"); break;
                case '_': sb.Append('.'); break;
                case '[':
                    var close = pattern.IndexOf(']', i + 1);
                    if (close <= i + 1) { sb.Append(@"\["); break; }
                    var set = pattern.Substring(i + 1, close - i - 1);
                    sb.Append('[');
                    var start = 0;
                    if (set.StartsWith('^')) { sb.Append('^'); start = 1; }
                    foreach (var sc in set[start..])
                        sb.Append(sc is '\\' or ']' or '[' or '^' ? "\\" + sc : sc.ToString());
                    sb.Append(']');
                    i = close;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        if (!anchorEnd) sb.Append(".*");
        sb.Append('$');
        return new Regex(sb.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}

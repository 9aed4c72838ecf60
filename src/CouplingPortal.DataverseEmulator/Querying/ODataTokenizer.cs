using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CouplingPortal.DataverseEmulator.WebApi;

namespace CouplingPortal.DataverseEmulator.Querying;

internal enum TokenKind { Identifier, String, Integer, Decimal, Guid, DateTime, OpenParen, CloseParen, Comma, OpenBracket, CloseBracket, Equals, End }

internal readonly record struct Token(TokenKind Kind, string Text, object? Value, int Position);

/// <summary>Splits $filter expressions and key segments into tokens; literals are typed the way OData reads them.</summary>
internal static partial class ODataTokenizer
{
    [GeneratedRegex(@"\G[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z_])")]
    private static partial Regex GuidLiteral();

    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?(?![0-9A-Za-z_])")]
    private static partial Regex DateTimeLiteral();

    [GeneratedRegex(@"\G-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?(?![0-9A-Za-z_])")]
    private static partial Regex NumberLiteral();

    [GeneratedRegex(@"\G[A-Za-z_$][A-Za-z0-9_./$]*")]
    private static partial Regex IdentifierToken();

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            switch (c)
            {
                case '(': tokens.Add(new(TokenKind.OpenParen, "(", null, i++)); continue;
                case ')': tokens.Add(new(TokenKind.CloseParen, ")", null, i++)); continue;
                case ',': tokens.Add(new(TokenKind.Comma, ",", null, i++)); continue;
                case '[': tokens.Add(new(TokenKind.OpenBracket, "[", null, i++)); continue;
                case ']': tokens.Add(new(TokenKind.CloseBracket, "]", null, i++)); continue;
                case '=': tokens.Add(new(TokenKind.Equals, "=", null, i++)); continue;
                case '\'':
                case '"':
                    tokens.Add(ReadString(text, ref i, c));
                    continue;
            }
            Match m;
            if ((m = GuidLiteral().Match(text, i)).Success)
                tokens.Add(new(TokenKind.Guid, m.Value, Guid.Parse(m.Value), i));
            else if ((m = DateTimeLiteral().Match(text, i)).Success)
                tokens.Add(new(TokenKind.DateTime, m.Value, ParseDateTime(m.Value, text, i), i));
            else if ((m = NumberLiteral().Match(text, i)).Success)
                tokens.Add(ParseNumber(m.Value, text, i));
            else if ((m = IdentifierToken().Match(text, i)).Success)
                tokens.Add(new(TokenKind.Identifier, m.Value, null, i));
            else
                throw SyntaxError(text, i);
            i += m.Length;
        }
        tokens.Add(new(TokenKind.End, "", null, text.Length));
        return tokens;
    }

    public static DataverseException SyntaxError(string text, int position) =>
        DataverseErrors.BadRequest($"Syntax error at position {position} in '{text}'.");

    private static Token ReadString(string text, ref int i, char quote)
    {
        var start = i++;
        var sb = new StringBuilder();
        while (true)
        {
            if (i >= text.Length)
                throw DataverseErrors.BadRequest($"There is an unterminated string literal at position {start} in '{text}'.");
            var c = text[i++];
            if (c == quote)
            {
                if (i < text.Length && text[i] == quote) { sb.Append(quote); i++; continue; }
                break;
            }
            sb.Append(c);
        }
        return new(TokenKind.String, text[start..i], sb.ToString(), start);
    }

    private static DateTime ParseDateTime(string value, string text, int position)
    {
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto))
            throw SyntaxError(text, position);
        return dto.UtcDateTime;
    }

    private static Token ParseNumber(string value, string text, int position)
    {
        var digits = value.TrimEnd('m', 'M', 'd', 'D', 'f', 'F', 'l', 'L');
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) && !value.EndsWith('m') && !value.EndsWith('M'))
            return new(TokenKind.Integer, value, l, position);
        if (decimal.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return new(TokenKind.Decimal, value, d, position);
        throw SyntaxError(text, position);
    }
}

using System.Collections.Immutable;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>
/// Recursive-descent parser for Calico's selector language:
/// <c>expr := and ('||' and)*</c>, <c>and := unary ('&amp;&amp;' unary)*</c>, <c>unary := '!' unary | '(' expr ')' | all() | global() | has(k) | k op</c>,
/// <c>op := == s | != s | in set | not in set | contains s | starts with s | ends with s</c>, strings in single or double
/// quotes, sets <c>{'a', 'b'}</c> (may be empty). An empty or blank selector means <c>all()</c>.
/// Errors throw <see cref="CalicoSelectorException"/> naming what was expected and the 1-based position.
/// </summary>
public static class CalicoSelectorParser
{
    public static CalicoSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return CalicoSelector.Everything;
        }

        var p = new Cursor(text);
        var result = p.Expression();
        p.SkipSpace();
        if (!p.AtEnd)
        {
            throw p.Error($"unexpected {p.Describe()}; expected && or || or the end");
        }

        return result;
    }

    /// <summary>Parses without throwing: the selector, or null with the error.</summary>
    public static CalicoSelector? TryParse(string? text, out CalicoSelectorException? error)
    {
        try
        {
            error = null;
            return Parse(text);
        }
        catch (CalicoSelectorException e)
        {
            error = e;
            return null;
        }
    }

    /// <summary>Nesting beyond this is refused so a hostile selector cannot exhaust the stack.</summary>
    private const int MaxDepth = 200;

    private sealed class Cursor(string text)
    {
        private int _pos;
        private int _depth;

        public bool AtEnd => _pos >= text.Length;

        public CalicoSelectorException Error(string problem) => new(text, Math.Min(_pos, text.Length), problem);

        public string Describe()
        {
            if (AtEnd)
            {
                return "end of selector";
            }

            var c = text[_pos];
            return IsKeyChar(c) ? $"'{ReadWordAhead()}'" : $"'{c}'";
        }

        public void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
            {
                _pos++;
            }
        }

        public CalicoSelector Expression()
        {
            if (++_depth > MaxDepth)
            {
                throw Error($"nested deeper than {MaxDepth} levels");
            }

            var left = And();
            while (Accept("||"))
            {
                left = new CalicoSelector.OrNode(left, And());
            }

            _depth--;
            return left;
        }

        private CalicoSelector And()
        {
            var left = Unary();
            while (Accept("&&"))
            {
                left = new CalicoSelector.AndNode(left, Unary());
            }

            return left;
        }

        private CalicoSelector Unary()
        {
            SkipSpace();
            if (Peek("!") && !Peek("!="))
            {
                _pos++;
                if (++_depth > MaxDepth)
                {
                    throw Error($"nested deeper than {MaxDepth} levels");
                }

                var operand = Unary();
                _depth--;
                return new CalicoSelector.NotNode(operand);
            }

            if (Accept("("))
            {
                var inner = Expression();
                Expect(")", "')' to close the parenthesis");
                return inner;
            }

            if (AtEnd)
            {
                throw Error("unexpected end of selector; expected a label test such as app == 'web', has(k), all() or (");
            }

            var start = _pos;
            if (!IsKeyChar(text[_pos]))
            {
                throw Error($"unexpected {Describe()}; expected a label key, has(k), all(), global(), ! or (");
            }

            var word = ReadWord();
            SkipSpace();
            if (Peek("(") && word is "has" or "all" or "global")
            {
                _pos++;
                if (word == "has")
                {
                    SkipSpace();
                    if (AtEnd || !IsKeyChar(text[_pos]))
                    {
                        throw Error($"unexpected {Describe()}; expected a label key inside has()");
                    }

                    var key = ReadWord();
                    Expect(")", "')' after the key in has(");
                    return new CalicoSelector.HasNode(key);
                }

                Expect(")", $"')': {word}() takes no argument");
                return word == "all" ? CalicoSelector.Everything : new CalicoSelector.GlobalNode();
            }

            return Comparison(word, start);
        }

        private CalicoSelector Comparison(string key, int keyStart)
        {
            SkipSpace();
            if (Accept("=="))
            {
                return new CalicoSelector.EqualsNode(key, String());
            }

            if (Accept("!="))
            {
                return new CalicoSelector.NotEqualsNode(key, String());
            }

            if (AtEnd)
            {
                throw Error($"selector ends after the key '{key}'; expected ==, !=, in, not in, contains, starts with or ends with");
            }

            var opStart = _pos;
            var op = IsKeyChar(text[_pos]) ? ReadWord() : "";
            switch (op)
            {
                case "in":
                    return new CalicoSelector.InNode(key, SetLiteral());
                case "not":
                    SkipSpace();
                    if (!AtEnd && IsKeyChar(text[_pos]) && ReadWord() == "in")
                    {
                        return new CalicoSelector.NotInNode(key, SetLiteral());
                    }

                    _pos = opStart;
                    throw Error("'not' must be followed by 'in'");
                case "contains":
                    return new CalicoSelector.TextNode(key, CalicoTextOperator.Contains, String());
                case "starts" or "ends":
                    SkipSpace();
                    if (AtEnd || !IsKeyChar(text[_pos]) || ReadWord() != "with")
                    {
                        _pos = opStart;
                        throw Error($"'{op}' must be followed by 'with'");
                    }

                    return new CalicoSelector.TextNode(key, op == "starts" ? CalicoTextOperator.StartsWith : CalicoTextOperator.EndsWith, String());
                default:
                    _pos = opStart;
                    throw Error($"unexpected {Describe()} after the key '{key}'; expected ==, !=, in, not in, contains, starts with or ends with");
            }
        }

        private ImmutableArray<string> SetLiteral()
        {
            Expect("{", "'{' to start a set such as {'a', 'b'}");
            var values = ImmutableArray.CreateBuilder<string>();
            SkipSpace();
            if (Accept("}"))
            {
                return values.ToImmutable();
            }

            while (true)
            {
                values.Add(String());
                if (Accept("}"))
                {
                    return values.ToImmutable();
                }

                Expect(",", "',' or '}' in the set");
            }
        }

        private string String()
        {
            SkipSpace();
            if (AtEnd || text[_pos] is not ('\'' or '"'))
            {
                throw Error($"unexpected {Describe()}; expected a quoted string such as 'web'");
            }

            var quote = text[_pos];
            var close = text.IndexOf(quote, _pos + 1);
            if (close < 0)
            {
                throw Error($"unterminated string: no closing {quote}");
            }

            var value = text[(_pos + 1)..close];
            _pos = close + 1;
            return value;
        }

        private void Expect(string token, string what)
        {
            if (!Accept(token))
            {
                throw Error($"unexpected {Describe()}; expected {what}");
            }
        }

        private bool Accept(string token)
        {
            SkipSpace();
            if (Peek(token))
            {
                _pos += token.Length;
                return true;
            }

            return false;
        }

        private bool Peek(string token) => string.CompareOrdinal(text, _pos, token, 0, token.Length) == 0 && _pos + token.Length <= text.Length;

        private string ReadWord()
        {
            var start = _pos;
            while (_pos < text.Length && IsKeyChar(text[_pos]))
            {
                _pos++;
            }

            return text[start.._pos];
        }

        private string ReadWordAhead()
        {
            var end = _pos;
            while (end < text.Length && IsKeyChar(text[end]))
            {
                end++;
            }

            return text[_pos..end];
        }

        /// <summary>Label keys: letters, digits and _ . / - (a prefix such as projectcalico.org/name included).</summary>
        private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '/' or '-';
    }
}

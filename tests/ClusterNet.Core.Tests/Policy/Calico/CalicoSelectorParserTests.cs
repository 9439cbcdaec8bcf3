using ClusterNet.Core.Policy.Calico;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>Calico's selector language: what each form matches, how it prints, and the error for each kind of bad input.</summary>
public sealed class CalicoSelectorParserTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["role"] = "frontend", ["tier"] = "prod-eu-1" };

    public static TheoryData<string, bool> MatchCases => new()
    {
        { "", true },
        { "   ", true },
        { "all()", true },
        { "global()", false },
        { "!global()", true },
        { "app == 'web'", true },
        { "app == \"web\"", true },
        { "app == 'db'", false },
        { "app != 'db'", true },
        { "app != 'web'", false },
        { "missing != 'x'", true },
        { "missing == 'x'", false },
        { "has(role)", true },
        { "has( role )", true },
        { "has(missing)", false },
        { "!has(missing)", true },
        { "!has(role)", false },
        { "app == 'web' && has(role)", true },
        { "app == 'web' && has(missing)", false },
        { "app == 'db' || has(role)", true },
        { "app == 'db' || has(missing)", false },
        { "app in {'web', 'api'}", true },
        { "app in {'api'}", false },
        { "app in {}", false },
        { "app not in {'api', 'db'}", true },
        { "app not in {'web'}", false },
        { "missing not in {'x'}", true },
        { "missing in {'x'}", false },
        { "tier contains 'eu'", true },
        { "tier contains 'us'", false },
        { "tier starts with 'prod'", true },
        { "tier starts with 'dev'", false },
        { "tier ends with '-1'", true },
        { "tier ends with '-2'", false },
        { "missing contains ''", false },
        { "!(app == 'web')", false },
        { "!app == 'web'", false },
        { "!!has(role)", true },
        { "(app == 'db' || app == 'web') && role == 'frontend'", true },
        { "app == 'db' || app == 'web' && role == 'backend'", false },
        { "(app == 'db' || app == 'web') && !(role == 'backend')", true },
        { "app=='web'&&role=='frontend'", true },
        { "projectcalico.org/name == 'x' || app == 'web'", true },
    };

    [Theory]
    [MemberData(nameof(MatchCases))]
    public void Parse_Expression_MatchesAsCalicoDocuments(string text, bool expected)
    {
        var selector = CalicoSelectorParser.Parse(text);

        Assert.Equal(expected, selector.Matches(Web));
    }

    [Theory]
    [MemberData(nameof(MatchCases))]
    public void ToString_Parsed_ParsesBackToTheSameTree(string text, bool _)
    {
        var selector = CalicoSelectorParser.Parse(text);

        Assert.Equal(selector, CalicoSelectorParser.Parse(selector.ToString()));
    }

    [Fact]
    public void Parse_AndBindsTighterThanOr()
    {
        var selector = CalicoSelectorParser.Parse("a == '1' || b == '2' && c == '3'");

        var or = Assert.IsType<CalicoSelector.OrNode>(selector);
        Assert.IsType<CalicoSelector.AndNode>(or.Right);
    }

    [Fact]
    public void Matches_GlobalWithGlobalObject_True()
    {
        Assert.True(CalicoSelectorParser.Parse("global()").Matches(Web, isGlobal: true));
    }

    public static TheoryData<string, int, string> ErrorCases => new()
    {
        { "app ==", 7, "expected a quoted string" },
        { "app == web", 8, "expected a quoted string" },
        { "app == 'web", 8, "unterminated string" },
        { "app = 'web'", 5, "after the key 'app'" },
        { "app", 4, "selector ends after the key 'app'" },
        { "(app == 'web'", 14, "')' to close the parenthesis" },
        { "app == 'web')", 13, "expected && or || or the end" },
        { "app == 'web' &&", 16, "unexpected end of selector" },
        { "app == 'web' & role == 'x'", 14, "expected && or || or the end" },
        { "app in 'web'", 8, "'{' to start a set" },
        { "app in {'a' 'b'}", 13, "',' or '}' in the set" },
        { "app not 'a'", 5, "'not' must be followed by 'in'" },
        { "app starts 'a'", 5, "'starts' must be followed by 'with'" },
        { "has()", 5, "expected a label key inside has()" },
        { "has(a", 6, "')' after the key in has(" },
        { "all(x)", 5, "all() takes no argument" },
        { "== 'x'", 1, "expected a label key" },
        { "app == 'x' || || b == 'y'", 15, "expected a label key" },
    };

    [Theory]
    [MemberData(nameof(ErrorCases))]
    public void Parse_Malformed_ThrowsWithPosition(string text, int position, string problem)
    {
        var e = Assert.Throws<CalicoSelectorException>(() => CalicoSelectorParser.Parse(text));

        Assert.Equal(position, e.Position + 1);
        Assert.Contains(problem, e.Problem, StringComparison.Ordinal);
        Assert.Contains($"at position {position}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DeepNesting_RefusedWithError()
    {
        var text = new string('(', 5000) + "a == 'b'" + new string(')', 5000);

        var e = Assert.Throws<CalicoSelectorException>(() => CalicoSelectorParser.Parse(text));

        Assert.Contains("nested deeper", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Malformed_ReturnsNullAndError()
    {
        Assert.Null(CalicoSelectorParser.TryParse("app ==", out var error));
        Assert.NotNull(error);
        Assert.NotNull(CalicoSelectorParser.TryParse("app == 'x'", out error));
        Assert.Null(error);
    }
}

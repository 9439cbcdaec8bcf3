using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Findings;

/// <summary>
/// Folds findings of the same code, severity and cause into <see cref="FindingGroup"/>s. The cause is the message with
/// the subject taken out: analyzers write "Deployment shop/php: every external name costs 8 DNS packets (…)", so every
/// workload with the same resolv.conf pattern has the same cause; what names one case inside the sentence (object keys,
/// ranges, addresses, a count of pods: <see cref="CauseKey"/>) is set aside too, and reads "…" in the group's sentence
/// where members differ (lint: "ipBlock … overlaps the pod network …"). The summary keeps what all members share (evidence,
/// advice without a patch; patches name one workload) and sums their impact so the group sorts where its weight is.
/// </summary>
public static class FindingGrouper
{
    public static ImmutableArray<FindingGroup> Group(IEnumerable<Finding> findings)
    {
        var groups = findings
            .Select(f => (Finding: f, Cause: Cause(f)))
            .GroupBy(x => (x.Finding.Code, x.Finding.Severity, Key: CauseKey(x.Cause)))
            .Select(g => Make(g.Key.Code, g.Key.Severity, g.Key.Key.Replace(Placeholder.ToString(), Ellipsis, StringComparison.Ordinal), Shared(g.Key.Key, [.. g.Select(x => x.Cause)]),
                [.. g.Select(x => x.Finding).OrderBy(f => f.Subject, NaturalStringComparer.Instance)]))
            .ToList();
        return [.. groups.OrderBy(g => g.Summary, FindingOrder.Instance)];
    }

    private const char Placeholder = '\u0001';
    private const string Ellipsis = "…";

    /// <summary>
    /// The cause with what names one case taken out, so the same problem of many objects is one group: object keys and
    /// ranges ("dev/web-1", "10.64.5.0/24", "ns-001/allow-x"), IP addresses, and the count before "pods" ("12 pod(s)").
    /// Other numbers stay: "ndots:5" and "8 DNS packets" are a different cause from "ndots:3" and "4 DNS packets".
    /// </summary>
    public static string CauseKey(string cause)
    {
        var tokens = cause.Split(' ');
        for (var i = 0; i < tokens.Length; i++)
        {
            if (IsVariable(tokens, i))
            {
                tokens[i] = Blank(tokens[i], Placeholder.ToString());
            }
        }

        // A list of them is one case however long it is: "(a/x, a/y, …)" and "(a/x)" are the same cause.
        return Collapse(string.Join(' ', tokens), Placeholder.ToString());
    }

    private static bool IsVariable(string[] tokens, int i)
    {
        var core = Core(tokens[i]);
        if (core.Length == 0)
        {
            return false;
        }

        if (core.Contains('/', StringComparison.Ordinal) && core.Any(char.IsLetterOrDigit) && !IsPortProtocol(core))
        {
            return true;
        }

        var dots = core.Count(c => c == '.');
        var colons = core.Count(c => c == ':');
        if ((dots == 3 || colons >= 2) && core.Any(char.IsAsciiDigit) && System.Net.IPAddress.TryParse(core, out _))
        {
            return true;
        }

        return core.All(c => char.IsAsciiDigit(c) || c == ',') && char.IsAsciiDigit(core[0])
            && i + 1 < tokens.Length && tokens[i + 1].StartsWith("pod", StringComparison.Ordinal);
    }

    // "53/UDP", "8080/TCP": what a probe is, the same words for every member.
    private static bool IsPortProtocol(string core) =>
        core.Split('/') is [var port, var protocol] && port.Length > 0 && protocol is "TCP" or "UDP" or "SCTP";

    // A token without the punctuation around it: "(dev/web-1," → "dev/web-1".
    private static string Core(string token) => token.Trim(',', ';', ':', '(', ')', '[', ']', '.', '"', '\'');

    // The token with its core replaced, punctuation kept: "(dev/web-1," → "(…,".
    private static string Blank(string token, string with)
    {
        var core = Core(token);
        var at = token.IndexOf(core, StringComparison.Ordinal);
        return token[..at] + with + token[(at + core.Length)..];
    }

    // Runs of a blank in a list read as one: "…, …, …" → "…" (a literal "…" closing the list too).
    private static string Collapse(string text, string blank)
    {
        string before;
        do
        {
            before = text;
            text = text.Replace(blank + ", " + blank, blank, StringComparison.Ordinal).Replace(blank + ", " + Ellipsis, blank, StringComparison.Ordinal);
        }
        while (text != before);

        return text;
    }

    /// <summary>
    /// The group's sentence: the members' causes where they agree, "…" where the named case differs; runs of "…" in a list
    /// read as one, and a parenthesis of nothing but "…" is dropped.
    /// </summary>
    private static string Shared(string key, IReadOnlyList<string> causes)
    {
        var first = causes[0];
        if (causes.All(c => c == first))
        {
            return first;
        }

        var tokens = first.Split(' ');
        var others = causes.Skip(1).Select(c => c.Split(' ')).ToList();
        string text;
        if (others.All(o => o.Length == tokens.Length))
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                if (others.Any(o => o[i] != tokens[i]))
                {
                    tokens[i] = Blank(tokens[i], Ellipsis);
                }
            }

            text = Collapse(string.Join(' ', tokens), Ellipsis);
        }
        else
        {
            // Lists of different lengths: the shared key, every set-aside part a "…".
            text = key.Replace(Placeholder.ToString(), Ellipsis, StringComparison.Ordinal);
        }

        return text.Replace(" (" + Ellipsis + ")", "", StringComparison.Ordinal);
    }

    /// <summary>The message without its subject: a "Subject: " prefix dropped, elsewhere the subject read as "each".</summary>
    public static string Cause(Finding finding)
    {
        var message = finding.Message;
        var subject = finding.Subject;
        if (string.IsNullOrEmpty(subject))
        {
            return message;
        }

        var cause = message.StartsWith(subject + ": ", StringComparison.Ordinal)
            ? message[(subject.Length + 2)..]
            : message.Replace(subject, "each", StringComparison.Ordinal);

        // "… in namespace dev" of a policy in dev is the same cause as "… in namespace prod" of one in prod.
        return subject.Split(' ', 2) is [_, var key] && key.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash
            ? OwnNamespace(cause, key[..slash])
            : cause;
    }

    /// <summary>"namespace NS" read as "its namespace" where NS is the whole name (not ns1 inside "namespace ns10").
    /// Plain scanning rather than a regex per namespace: the page groups thousands of findings on every render.</summary>
    private static string OwnNamespace(string text, string ns)
    {
        var phrase = "namespace " + ns;
        var at = text.IndexOf(phrase, StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var from = 0;
        while (at >= 0)
        {
            var end = at + phrase.Length;
            var wordStart = at == 0 || !IsNameChar(text[at - 1]);
            var wordEnd = end == text.Length || !(IsNameChar(text[end]) || (text[end] is '.' or '-' && end + 1 < text.Length && IsNameChar(text[end + 1])));
            if (wordStart && wordEnd)
            {
                result.Append(text, from, at - from).Append("its namespace");
                from = end;
            }

            at = text.IndexOf(phrase, end, StringComparison.Ordinal);
        }

        return result.Append(text, from, text.Length - from).ToString();
    }

    private static bool IsNameChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or (>= 'A' and <= 'Z');

    private static FindingGroup Make(string code, Severity severity, string causeKey, string cause, ImmutableArray<Finding> members)
    {
        var key = $"group:{code}:{severity}:{causeKey}";
        if (members.Length == 1)
        {
            return new FindingGroup { Key = key, Summary = members[0], Members = members };
        }

        var first = members[0];
        var pods = members.SelectMany(m => m.Affected).Distinct(StringComparer.Ordinal).Order(NaturalStringComparer.Instance).ToImmutableArray();
        var workloads = Workloads(members);
        var message = pods.IsEmpty
            ? $"{workloads}: {cause}"
            : $"{Count(pods.Length, "pod", "pods")} in {workloads}: {cause}";
        var summary = first with
        {
            Subject = workloads,
            Field = null,
            Location = null,
            ElementId = null,
            Message = message,
            Detail = null,
            Evidence = [.. first.Evidence.Where(e => members.All(m => m.Evidence.Contains(e)))],
            Fixes = [.. first.Fixes.Where(x => x.Patch is null && x.Command is null && members.All(m => m.Fixes.Any(y => y.Title == x.Title)))],
            Affected = pods,
            Impact = members.Sum(m => m.Impact),
        };
        return new FindingGroup { Key = key, Summary = summary, Members = members };
    }

    /// <summary>"40 Deployments", "3 Deployments and 2 StatefulSets": the subjects' kinds (their first word) counted.</summary>
    private static string Workloads(ImmutableArray<Finding> members)
    {
        var kinds = members
            .GroupBy(m => m.Subject.Split(' ', 2) is [var kind, _] ? kind : "object")
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Count(g.Count(), g.Key, Plural(g.Key)))
            .ToList();
        return kinds.Count == 1 ? kinds[0] : string.Join(", ", kinds[..^1]) + " and " + kinds[^1];
    }

    private static string Plural(string kind) =>
        kind.EndsWith('s') ? kind + "es" : kind.EndsWith('y') && !kind.EndsWith("ay", StringComparison.Ordinal) ? kind[..^1] + "ies" : kind + "s";

    private static string Count(int n, string one, string many) =>
        n.ToString("N0", CultureInfo.InvariantCulture) + " " + (n == 1 ? one : many);
}

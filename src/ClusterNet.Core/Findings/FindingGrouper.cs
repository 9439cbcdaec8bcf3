using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Findings;

/// <summary>
/// Folds findings of the same code, severity and cause into <see cref="FindingGroup"/>s. The cause is the message with
/// the subject taken out: analyzers write "Deployment shop/php: every external name costs 8 DNS packets (…)", so every
/// workload with the same resolv.conf pattern has the same cause. The summary keeps what all members share (evidence,
/// advice without a patch; patches name one workload) and sums their impact so the group sorts where its weight is.
/// </summary>
public static class FindingGrouper
{
    public static ImmutableArray<FindingGroup> Group(IEnumerable<Finding> findings)
    {
        var groups = findings
            .GroupBy(f => (f.Code, f.Severity, Cause: Cause(f)))
            .Select(g => Make(g.Key.Code, g.Key.Severity, g.Key.Cause, [.. g.OrderBy(f => f.Subject, NaturalStringComparer.Instance)]))
            .ToList();
        return [.. groups.OrderBy(g => g.Summary, FindingOrder.Instance)];
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

    private static FindingGroup Make(string code, Severity severity, string cause, ImmutableArray<Finding> members)
    {
        var key = $"group:{code}:{severity}:{cause}";
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

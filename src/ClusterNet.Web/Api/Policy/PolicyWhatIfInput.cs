using System.Collections.Immutable;
using ClusterNet.Core.Model;
using ClusterNet.Core.Policy;
using ClusterNet.Core.Policy.Queries;
using ClusterNet.Core.Queries;
using ClusterNet.Kubernetes.Files;

namespace ClusterNet.Web.Api.Policy;

/// <summary>
/// Turns what-if input (YAML of policies of every kind the engine takes, keys to delete, probes) into edits, with line-numbered errors: the one
/// parser behind <c>POST /api/policy/what-if</c> and the Policies page's what-if form.
/// </summary>
public static class PolicyWhatIfInput
{
    public const string FileName = "what-if.yaml";

    /// <summary>What what-if takes, said where something else was given.</summary>
    public const string EditableKinds = "only policies, Calico Tiers and network sets can be edited here: NetworkPolicy, ClusterNetworkPolicy, AdminNetworkPolicy, "
        + "BaselineAdminNetworkPolicy, Calico NetworkPolicy, GlobalNetworkPolicy, Tier, NetworkSet or GlobalNetworkSet";

    /// <summary>The parsed request: edits in order, probes (empty: every container port), and every problem found.</summary>
    public sealed record Parsed(IReadOnlyList<PolicyEdit> Edits, ImmutableArray<ReachProbe> Probes, List<WhatIfErrorDto> Errors);

    /// <summary>The page's delete field: keys separated by commas.</summary>
    public static IReadOnlyList<string> DeleteKeys(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every problem found; repeated probes count once, more than <paramref name="maxProbes"/> distinct ones (when given) is an error.</summary>
    public static Parsed Parse(string? yaml, IEnumerable<string>? delete, IEnumerable<string>? probes = null, int? maxProbes = null)
    {
        var edits = new List<PolicyEdit>();
        var errors = new List<WhatIfErrorDto>();
        if (!string.IsNullOrWhiteSpace(yaml))
        {
            var loaded = ManifestLoader.LoadText(yaml, FileName);
            foreach (var d in loaded.Diagnostics.Where(d => d.Severity == "error"))
            {
                errors.Add(new WhatIfErrorDto(d.Message, d.Line, d.Column, d.Document, d.Field));
            }

            var others = loaded.Objects.Where(o => o is not (NetworkPolicyInfo or ClusterPolicyInfo or CalicoPolicyInfo or CalicoTierInfo or CalicoNetworkSetInfo))
                .Select(o => $"{ResourceKinds.KindOf(o)} {o.Key}").ToList();
            if (others.Count > 0)
            {
                errors.Add(new WhatIfErrorDto($"{EditableKinds}; found other objects: {string.Join(", ", others)}"));
            }

            foreach (var o in loaded.Objects)
            {
                if (o is NetworkPolicyInfo np)
                {
                    edits.Add(PolicyEdit.Upsert(np));
                }
                else if (o is ClusterPolicyInfo cp)
                {
                    edits.Add(PolicyEdit.Upsert(cp));
                }
                else if (o is CalicoPolicyInfo calico)
                {
                    edits.Add(PolicyEdit.Upsert(calico));
                }
                else if (o is CalicoTierInfo tier)
                {
                    edits.Add(PolicyEdit.Upsert(tier));
                }
                else if (o is CalicoNetworkSetInfo set)
                {
                    edits.Add(PolicyEdit.Upsert(set));
                }
            }
        }

        foreach (var key in delete ?? [])
        {
            if (PolicyDeleteKey.Parse(key, out var error) is not { } edit)
            {
                errors.Add(new WhatIfErrorDto($"delete '{key}': {error}"));
                continue;
            }

            edits.Add(edit);
        }

        var probeErrors = new List<QueryError>();
        var parsedProbes = ReachQueryParser.Probes(
            QueryInput.Parameters((probes ?? []).Select(p => KeyValuePair.Create(ReachQueryParser.Probe, (string?)p))), probeErrors, maxProbes);
        errors.AddRange(probeErrors.Select(e => new WhatIfErrorDto(e.Message)));
        return new Parsed(edits, parsedProbes, errors);
    }
}

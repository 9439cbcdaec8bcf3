using System.Collections.Immutable;

namespace ClusterNet.Core.Policy.Calico;

/// <summary>One compiled Calico policy over the pod index: the pods it applies to and its rules' peer bitsets.</summary>
internal sealed class CalicoPolicyBits
{
    public CalicoPolicyBits(CalicoCompiledPolicy policy, CalicoBitIndex bits)
    {
        Policy = policy;
        var n = bits.Index.PodCount;
        Subject = new PodSet(n);
        // The selectors read labels, namespace and service account only: once per label class.
        var classOf = bits.ClassOf;
        var known = new sbyte[n];
        for (var i = 0; i < n; i++)
        {
            ref var k = ref known[classOf[i]];
            if (k == 0)
            {
                k = policy.AppliesTo(bits.Endpoints[i]) ? (sbyte)1 : (sbyte)-1;
            }

            if (k > 0)
            {
                Subject.Add(i);
            }
        }

        IngressRules = [.. policy.IngressRules.Select(r => new CalicoRuleBits(r, bits))];
        EgressRules = [.. policy.EgressRules.Select(r => new CalicoRuleBits(r, bits))];
    }

    public CalicoCompiledPolicy Policy { get; }

    /// <summary>Pods the policy's selectors pick (hostNetwork pods included: the stage leaves them out).</summary>
    public PodSet Subject { get; }

    public ImmutableArray<CalicoRuleBits> IngressRules { get; }
    public ImmutableArray<CalicoRuleBits> EgressRules { get; }

    public ImmutableArray<CalicoRuleBits> Rules(bool ingress) => ingress ? IngressRules : EgressRules;

    /// <summary>Does the policy take part in that direction (its types)?</summary>
    public bool Judges(bool ingress) => ingress ? Policy.Ingress : Policy.Egress;
}

using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Policy.Calico;

/// <summary>Terse builders for Calico policies, tiers and pods in the evaluator tests.</summary>
internal static class Cal
{
    public static PodInfo Pod(string ns, string name, string ip, string? sa = null, (string Name, int Port, string Proto)[]? ports = null, bool hostNetwork = false, params (string, string)[] labels) => new()
    {
        Namespace = ns,
        Name = name,
        Labels = LabelMap.Of(labels),
        PodIps = [ip],
        ServiceAccountName = sa,
        HostNetwork = hostNetwork,
        Phase = "Running",
        Containers = [new ContainerInfo { Name = "c", Ports = [.. (ports ?? []).Select(p => new ContainerPortInfo(p.Name, p.Port, p.Proto))] }],
    };

    /// <summary>A GlobalNetworkSet (<paramref name="ns"/> null) or a NetworkSet in <paramref name="ns"/>, with one label.</summary>
    public static CalicoNetworkSetInfo Set(string name, string? ns, (string, string) label, params string[] nets) => new()
    {
        Kind = ns is null ? CalicoNetworkSetKind.GlobalNetworkSet : CalicoNetworkSetKind.NetworkSet,
        Namespace = ns ?? "",
        Name = name,
        Labels = LabelMap.Of(label),
        Nets = [.. nets],
    };

    public static NamespaceInfo Ns(string name, params (string, string)[] labels) => new() { Name = name, Labels = LabelMap.Of(labels) };

    public static CalicoTierInfo Tier(string name, double? order, CalicoRuleAction defaultAction = CalicoRuleAction.Deny) =>
        new() { Name = name, Order = order, DefaultAction = defaultAction };

    public static CalicoRuleInfo Rule(CalicoRuleAction action, CalicoEntityRuleInfo? source = null, CalicoEntityRuleInfo? destination = null, string? protocol = null, string? notProtocol = null) =>
        new() { Action = action, Source = source ?? CalicoEntityRuleInfo.Any, Destination = destination ?? CalicoEntityRuleInfo.Any, Protocol = protocol, NotProtocol = notProtocol };

    public static CalicoRuleInfo Allow(CalicoEntityRuleInfo? source = null, CalicoEntityRuleInfo? destination = null, string? protocol = null) => Rule(CalicoRuleAction.Allow, source, destination, protocol);

    public static CalicoRuleInfo Deny(CalicoEntityRuleInfo? source = null, CalicoEntityRuleInfo? destination = null, string? protocol = null) => Rule(CalicoRuleAction.Deny, source, destination, protocol);

    public static CalicoRuleInfo Pass(CalicoEntityRuleInfo? source = null, CalicoEntityRuleInfo? destination = null) => Rule(CalicoRuleAction.Pass, source, destination);

    public static CalicoRuleInfo Log() => Rule(CalicoRuleAction.Log);

    public static CalicoEntityRuleInfo Sel(string selector) => new() { Selector = selector };

    public static CalicoEntityRuleInfo Ports(params object[] ports) => new()
    {
        Ports = [.. ports.Select(p => p switch
        {
            int n => CalicoPortInfo.Number(n),
            string s when s.Contains(':') => new CalicoPortInfo(int.Parse(s.Split(':')[0]), int.Parse(s.Split(':')[1])),
            string s => CalicoPortInfo.Named(s),
            _ => throw new ArgumentException("port"),
        })],
    };

    public static CalicoPolicyInfo Gnp(string name, string tier = "default", double? order = null, string? selector = null,
        CalicoRuleInfo[]? ingress = null, CalicoRuleInfo[]? egress = null, string[]? types = null, string? namespaceSelector = null) => new()
    {
        Kind = CalicoPolicyKind.GlobalNetworkPolicy,
        Name = name,
        Tier = tier,
        Order = order,
        Selector = selector,
        NamespaceSelector = namespaceSelector,
        Ingress = [.. ingress ?? []],
        Egress = [.. egress ?? []],
        Types = types is null ? null : [.. types],
    };

    public static CalicoPolicyInfo Np(string ns, string name, string tier = "default", double? order = null, string? selector = null,
        CalicoRuleInfo[]? ingress = null, CalicoRuleInfo[]? egress = null, string[]? types = null) =>
        Gnp(name, tier, order, selector, ingress, egress, types) with { Kind = CalicoPolicyKind.NetworkPolicy, Namespace = ns };

    public static ClusterSnapshot Snapshot(params IClusterObject[] objects) => ClusterSnapshot.Create(new SourceInfo("test", "calico"), objects);

    public static Core.Policy.ReachEndpoint P(string key) => Core.Policy.ReachEndpoint.TryParse(key, out var e) ? e : throw new ArgumentException(key);

    public static ImmutableArray<string> Types(params string[] t) => [.. t];
}

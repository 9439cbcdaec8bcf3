using System.Collections.Immutable;
using ClusterNet.Core.Model;
using k8s.Models;

namespace ClusterNet.Kubernetes.Conversion;

public static partial class KubeModelMapper
{
    public static PodInfo ToModel(V1Pod pod, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var meta = pod.Metadata;
        var spec = pod.Spec;
        var status = pod.Status;
        return new PodInfo
        {
            Namespace = meta?.NamespaceProperty ?? "",
            Name = meta?.Name ?? "",
            Uid = meta?.Uid ?? "",
            Labels = Map(meta?.Labels),
            Annotations = MapAnnotations(meta?.Annotations),
            NodeName = spec?.NodeName,
            HostNetwork = spec?.HostNetwork ?? false,
            Phase = string.IsNullOrEmpty(status?.Phase) ? "Pending" : status.Phase,
            Ready = IsTrue(status?.Conditions, "Ready"),
            PodIps = PodIps(status),
            HostIp = status?.HostIP,
            Containers = Containers(spec, diagnostics, "Pod", meta, "spec"),
            DnsPolicy = string.IsNullOrEmpty(spec?.DnsPolicy) ? "ClusterFirst" : spec.DnsPolicy,
            DnsConfig = DnsConfig(spec?.DnsConfig),
            Hostname = string.IsNullOrEmpty(spec?.Hostname) ? null : spec.Hostname,
            Subdomain = string.IsNullOrEmpty(spec?.Subdomain) ? null : spec.Subdomain,
            HostAliases = HostAliases(spec?.HostAliases),
            Owner = ControllerOwner(meta),
            ServiceAccountName = spec?.ServiceAccountName ?? spec?.ServiceAccount,
        };
    }

    private static bool IsTrue(IList<V1PodCondition>? conditions, string type)
    {
        if (conditions is null)
        {
            return false;
        }

        foreach (var c in conditions)
        {
            if (c.Type == type)
            {
                return string.Equals(c.Status, "True", StringComparison.OrdinalIgnoreCase);
            }
        }

        return false;
    }

    private static ImmutableArray<string> PodIps(V1PodStatus? status)
    {
        if (status is null)
        {
            return [];
        }

        if (status.PodIPs is { Count: > 0 } ips)
        {
            var builder = ImmutableArray.CreateBuilder<string>(ips.Count);
            foreach (var ip in ips)
            {
                if (!string.IsNullOrEmpty(ip.Ip))
                {
                    builder.Add(ip.Ip);
                }
            }

            return builder.DrainToImmutable();
        }

        return string.IsNullOrEmpty(status.PodIP) ? [] : [status.PodIP];
    }

    internal static ImmutableArray<ContainerInfo> Containers(V1PodSpec? spec, ICollection<SourceDiagnostic>? diagnostics, string kind, V1ObjectMeta? meta, string specPath)
    {
        if (spec is null)
        {
            return [];
        }

        var init = spec.InitContainers;
        var main = spec.Containers;
        var count = (init?.Count ?? 0) + (main?.Count ?? 0);
        if (count == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<ContainerInfo>(count);
        if (init is not null)
        {
            for (var i = 0; i < init.Count; i++)
            {
                builder.Add(Container(init[i], true, diagnostics, kind, meta, $"{specPath}.initContainers[{i}]"));
            }
        }

        if (main is not null)
        {
            for (var i = 0; i < main.Count; i++)
            {
                builder.Add(Container(main[i], false, diagnostics, kind, meta, $"{specPath}.containers[{i}]"));
            }
        }

        return builder.MoveToImmutable();
    }

    private static ContainerInfo Container(V1Container c, bool isInit, ICollection<SourceDiagnostic>? diagnostics, string kind, V1ObjectMeta? meta, string path)
    {
        if (string.IsNullOrEmpty(c.Name))
        {
            Report(diagnostics, Warning, kind, meta, path + ".name", "container has no name");
        }

        return new ContainerInfo
        {
            Name = c.Name ?? "",
            Image = c.Image ?? "",
            Ports = ContainerPorts(c.Ports, diagnostics, kind, meta, path),
            Command = Concat(c.Command, c.Args),
            LifecycleCommands = Concat(c.Lifecycle?.PostStart?.Exec?.Command, c.Lifecycle?.PreStop?.Exec?.Command),
            IsInit = isInit,
            Env = NetworkEnv(c.Env),
        };
    }

    /// <summary>Only the network settings (<see cref="NetworkEnvNames"/>): other env values can hold credentials. Secret references are not followed.</summary>
    private static ImmutableArray<EnvVarInfo> NetworkEnv(IList<V1EnvVar>? env)
    {
        if (env is null || env.Count == 0)
        {
            return [];
        }

        ImmutableArray<EnvVarInfo>.Builder? builder = null;
        foreach (var e in env)
        {
            if (!NetworkEnvNames.IsKept(e?.Name))
            {
                continue;
            }

            var cm = e!.ValueFrom?.ConfigMapKeyRef;
            if (e.ValueFrom is not null && cm is null)
            {
                continue;
            }

            (builder ??= ImmutableArray.CreateBuilder<EnvVarInfo>()).Add(new EnvVarInfo
            {
                Name = e.Name,
                Value = cm is null ? e.Value ?? "" : null,
                ConfigMapName = cm?.Name,
                ConfigMapKey = cm?.Key,
            });
        }

        return builder?.ToImmutable() ?? [];
    }

    private static ImmutableArray<ContainerPortInfo> ContainerPorts(IList<V1ContainerPort>? ports, ICollection<SourceDiagnostic>? diagnostics, string kind, V1ObjectMeta? meta, string path)
    {
        if (ports is null || ports.Count == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<ContainerPortInfo>(ports.Count);
        for (var i = 0; i < ports.Count; i++)
        {
            var p = ports[i];
            if (p.ContainerPort is < 1 or > 65535)
            {
                Report(diagnostics, Warning, kind, meta, $"{path}.ports[{i}].containerPort", $"containerPort {p.ContainerPort} is outside 1-65535");
            }

            if (!string.IsNullOrEmpty(p.Name) && !IsPortName(p.Name))
            {
                Report(diagnostics, Warning, kind, meta, $"{path}.ports[{i}].name", $"port name \"{p.Name}\" is not a valid port name (lower-case letters, digits and '-', at most 15 characters)");
            }

            builder.Add(new ContainerPortInfo(string.IsNullOrEmpty(p.Name) ? null : p.Name, p.ContainerPort, Protocol(p.Protocol), p.HostPort));
        }

        return builder.MoveToImmutable();
    }

    private static ImmutableArray<string> Concat(IList<string>? first, IList<string>? second)
    {
        var count = (first?.Count ?? 0) + (second?.Count ?? 0);
        if (count == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<string>(count);
        if (first is not null)
        {
            foreach (var s in first)
            {
                builder.Add(s ?? "");
            }
        }

        if (second is not null)
        {
            foreach (var s in second)
            {
                builder.Add(s ?? "");
            }
        }

        return builder.MoveToImmutable();
    }

    private static ImmutableArray<HostAliasInfo> HostAliases(IList<V1HostAlias>? aliases)
    {
        if (aliases is null || aliases.Count == 0)
        {
            return [];
        }

        var builder = ImmutableArray.CreateBuilder<HostAliasInfo>(aliases.Count);
        foreach (var a in aliases)
        {
            builder.Add(new HostAliasInfo(a.Ip ?? "", Strings(a.Hostnames)));
        }

        return builder.MoveToImmutable();
    }

    internal static PodDnsConfig? DnsConfig(V1PodDNSConfig? config)
    {
        if (config is null)
        {
            return null;
        }

        ImmutableArray<DnsOption> options = [];
        if (config.Options is { Count: > 0 } list)
        {
            var builder = ImmutableArray.CreateBuilder<DnsOption>(list.Count);
            foreach (var o in list)
            {
                builder.Add(new DnsOption(o.Name ?? "", o.Value));
            }

            options = builder.MoveToImmutable();
        }

        return new PodDnsConfig { Nameservers = Strings(config.Nameservers), Searches = Strings(config.Searches), Options = options };
    }
}

using System.Collections.Immutable;
using System.Globalization;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>
/// Reads Calico's pools, backend and MTU in order of authority: IPPool objects &gt; the operator's Installation &gt;
/// calico-node's environment (the default pool it creates at start-up when none exists: CALICO_IPV4POOL_*) &gt; the
/// documented defaults. Every value not read from the cluster is named in <see cref="CalicoSettings.Notes"/> as assumed.
/// </summary>
public static class CalicoSettingsReader
{
    /// <summary>calico-node's and the operator's default pool CIDR when none is configured.</summary>
    public const string DefaultCidr = "192.168.0.0/16";
    /// <summary>The name calico-node and the operator give the pool they create.</summary>
    public const string DefaultPoolName = "default-ipv4-ippool";
    public const int DefaultBlockSize = 26;

    public static CalicoSettings Read(ClusterSnapshot snapshot)
    {
        var notes = new List<string>();
        var bgpConfig = snapshot.BgpConfigurations.Get("", "default");
        var installation = snapshot.Installations.Get("", "default") ?? snapshot.Installations.FirstOrDefault();
        var env = installation is null ? CalicoNodeEnv.Find(snapshot) : null;

        ImmutableArray<IpPoolInfo> pools;
        CalicoPoolSource source;
        if (snapshot.IpPools.Count > 0)
        {
            pools = [.. snapshot.IpPools];
            source = CalicoPoolSource.IpPoolObject;
            notes.Add($"Calico pools from IPPool object(s): {string.Join(", ", pools.Select(p => $"{p.Name} {p.Cidr}"))}");
        }
        else if (installation is not null)
        {
            pools = FromInstallation(installation, notes);
            source = CalicoPoolSource.Installation;
        }
        else if (env is not null)
        {
            pools = [FromEnv(env, notes)];
            source = CalicoPoolSource.CalicoNodeEnv;
        }
        else
        {
            pools = [FromDefaults(snapshot, notes)];
            source = CalicoPoolSource.DocumentedDefault;
        }

        var backend = Backend(installation, env, pools, notes);
        var mtu = Mtu(installation, env, pools, notes);
        var blockSize = pools.Select(p => p.BlockSize).FirstOrDefault(b => b is > 0 and <= 32) ?? DefaultBlockSize;
        return new CalicoSettings
        {
            Pools = pools,
            NodeToNodeMesh = bgpConfig?.NodeToNodeMeshEnabled ?? true,
            BlockSize = blockSize,
            PoolSource = source,
            Backend = backend,
            Mtu = mtu,
            Notes = [.. notes],
        };
    }

    /// <summary>The pool CIDRs calico-node or the operator will create when no IPPool object exists (for the pod network facts).</summary>
    public static IEnumerable<string> CreatedPoolCidrs(ClusterSnapshot snapshot) =>
        snapshot.IpPools.Count > 0 || (snapshot.Installations.Count == 0 && !snapshot.Workloads.Any(w => w.Kind == "DaemonSet" && w.Name == "calico-node"))
            ? []
            : Read(snapshot) is { PoolSource: CalicoPoolSource.Installation or CalicoPoolSource.CalicoNodeEnv } s ? s.Pools.Select(p => p.Cidr) : [];

    private static ImmutableArray<IpPoolInfo> FromInstallation(CalicoInstallationInfo installation, List<string> notes)
    {
        var where = $"Installation {installation.Name}";
        if (installation.IpPools.IsDefaultOrEmpty)
        {
            notes.Add($"no IPPool object; {where} lists no spec.calicoNetwork.ipPools: the operator's default pool is assumed ({DefaultCidr}, IPIP, natOutgoing, /{DefaultBlockSize}; the operator takes the CIDR from kubeadm's podSubnet when it finds one)");
            return [new IpPoolInfo { Name = DefaultPoolName, Cidr = DefaultCidr, IpipMode = "Always", NatOutgoing = true, BlockSize = DefaultBlockSize }];
        }

        var list = new List<IpPoolInfo>();
        for (var i = 0; i < installation.IpPools.Length; i++)
        {
            var p = installation.IpPools[i];
            var field = $"spec.calicoNetwork.ipPools[{i}]";
            var assumed = new List<string>();
            var cidr = p.Cidr;
            if (cidr.Length == 0)
            {
                cidr = DefaultCidr;
                assumed.Add($"cidr {DefaultCidr}");
            }

            var encapsulation = p.Encapsulation;
            if (encapsulation is null)
            {
                encapsulation = "IPIP";
                assumed.Add("encapsulation IPIP");
            }

            var (ipip, vxlan) = encapsulation switch
            {
                "IPIP" => ("Always", "Never"),
                "IPIPCrossSubnet" => ("CrossSubnet", "Never"),
                "VXLAN" => ("Never", "Always"),
                "VXLANCrossSubnet" => ("Never", "CrossSubnet"),
                _ => ("Never", "Never"),
            };
            if (p.NatOutgoing is null)
            {
                assumed.Add("natOutgoing Enabled");
            }

            if (p.BlockSize is null)
            {
                assumed.Add($"blockSize {DefaultBlockSize}");
            }

            var name = p.Name ?? (i == 0 ? DefaultPoolName : $"ipv4-ippool-{i}");
            list.Add(new IpPoolInfo
            {
                Name = name,
                Cidr = cidr,
                IpipMode = ipip,
                VxlanMode = vxlan,
                NatOutgoing = p.NatOutgoing is null || p.NatOutgoing == "Enabled",
                Disabled = p.Disabled,
                BlockSize = p.BlockSize ?? DefaultBlockSize,
            });
            notes.Add($"no IPPool object: pool {name} {cidr} (encapsulation {encapsulation}) from {where} {field}, which the operator creates"
                + (assumed.Count > 0 ? $"; assumed (operator defaults): {string.Join(", ", assumed)}" : ""));
        }

        return [.. list];
    }

    private static IpPoolInfo FromEnv(CalicoNodeEnv env, List<string> notes)
    {
        var read = new List<string>();
        var assumed = new List<string>();
        string Text(string name, string fallback, string what)
        {
            if (env.Get(name) is { Text: { Length: > 0 } t } v)
            {
                read.Add(v.Source);
                return t;
            }

            if (env.Get(name) is { } missing)
            {
                read.Add(missing.Source);
            }

            assumed.Add($"{what} (no {name})");
            return fallback;
        }

        var cidr = Text(NetworkEnvNames.PoolCidr, DefaultCidr,
            $"cidr {DefaultCidr} (calico-node takes the first of 192.168.0.0/16, 172.16-31.0.0/16 not in use on the node)");
        var ipip = Mode(Text(NetworkEnvNames.PoolIpip, "Never", "ipipMode Never"));
        var vxlan = Mode(Text(NetworkEnvNames.PoolVxlan, "Never", "vxlanMode Never"));
        var blockText = Text(NetworkEnvNames.PoolBlockSize, DefaultBlockSize.ToString(CultureInfo.InvariantCulture), $"blockSize {DefaultBlockSize}");
        var nat = Text(NetworkEnvNames.PoolNatOutgoing, "true", "natOutgoing true");
        var blockSize = int.TryParse(blockText, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b is >= 20 and <= 32 ? b : DefaultBlockSize;
        notes.Add($"no IPPool object: calico-node creates pool {DefaultPoolName} {cidr} (ipipMode {ipip}, vxlanMode {vxlan}) at start-up from {env.Where}"
            + (read.Count > 0 ? $": {string.Join("; ", read)}" : ""));
        if (assumed.Count > 0)
        {
            notes.Add($"assumed (calico-node's documented defaults): {string.Join(", ", assumed)}");
        }

        return new IpPoolInfo
        {
            Name = DefaultPoolName,
            Cidr = cidr,
            IpipMode = ipip,
            VxlanMode = vxlan,
            NatOutgoing = !string.Equals(nat, "false", StringComparison.OrdinalIgnoreCase),
            BlockSize = blockSize,
        };
    }

    private static IpPoolInfo FromDefaults(ClusterSnapshot snapshot, List<string> notes)
    {
        // Without pool, Installation or calico-node env the nodes' tunnel-address annotations still tell the encapsulation.
        var vxlan = snapshot.Nodes.Any(n => n.Annotations.ContainsKey(CalicoNaming.VxlanAnnotation));
        var ipip = !vxlan && snapshot.Nodes.Any(n => n.Annotations.ContainsKey(CalicoNaming.IpipAnnotation));
        var encap = vxlan ? $"VXLAN (nodes carry {CalicoNaming.VxlanAnnotation})" : ipip ? $"IPIP (nodes carry {CalicoNaming.IpipAnnotation})" : "none (no tunnel address on any node)";
        notes.Add($"assumed: no IPPool, Installation or calico-node DaemonSet in the snapshot: documented default pool {DefaultCidr}, /{DefaultBlockSize}, encapsulation {encap}");
        return new IpPoolInfo
        {
            Name = DefaultPoolName,
            Cidr = DefaultCidr,
            IpipMode = ipip ? "Always" : "Never",
            VxlanMode = vxlan ? "Always" : "Never",
            NatOutgoing = true,
            BlockSize = DefaultBlockSize,
        };
    }

    private static string Backend(CalicoInstallationInfo? installation, CalicoNodeEnv? env, ImmutableArray<IpPoolInfo> pools, List<string> notes)
    {
        var anyVxlan = pools.Any(p => !p.Disabled && p.VxlanMode != "Never");
        if (installation is not null)
        {
            if (installation.Bgp == "Disabled")
            {
                var backend = anyVxlan ? CalicoBackends.Vxlan : CalicoBackends.None;
                notes.Add($"backend {backend}: Installation {installation.Name} spec.calicoNetwork.bgp Disabled (no BIRD)");
                return backend;
            }

            notes.Add(installation.Bgp is null
                ? $"backend bird: assumed (Installation {installation.Name} does not set spec.calicoNetwork.bgp; the operator enables BGP)"
                : $"backend bird: Installation {installation.Name} spec.calicoNetwork.bgp {installation.Bgp}");
            return CalicoBackends.Bird;
        }

        if (env?.Get(NetworkEnvNames.NetworkingBackend) is { } v)
        {
            if (v.Text is { Length: > 0 } t)
            {
                notes.Add($"backend {t}: {v.Source}");
                return t.ToLowerInvariant();
            }

            notes.Add($"backend bird: assumed ({v.Source})");
            return CalicoBackends.Bird;
        }

        notes.Add(env is null
            ? "backend bird: assumed (calico-node's default)"
            : $"backend bird: assumed ({env.Where} sets no {NetworkEnvNames.NetworkingBackend}; calico-node's default)");
        return CalicoBackends.Bird;
    }

    private static int? Mtu(CalicoInstallationInfo? installation, CalicoNodeEnv? env, ImmutableArray<IpPoolInfo> pools, List<string> notes)
    {
        const string auto = "Felix detects it: NIC MTU minus the encapsulation overhead (IPIP 20, VXLAN 50)";
        if (installation is not null)
        {
            if (installation.Mtu is int m && m > 0)
            {
                notes.Add($"MTU {m}: Installation {installation.Name} spec.calicoNetwork.mtu");
                return m;
            }

            notes.Add($"MTU assumed: Installation {installation.Name} sets no spec.calicoNetwork.mtu, so {auto}");
            return null;
        }

        var name = pools.Any(p => !p.Disabled && p.VxlanMode != "Never") ? NetworkEnvNames.VxlanMtu : NetworkEnvNames.IpipMtu;
        if (env?.Get(name) is { } v)
        {
            if (int.TryParse(v.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0)
            {
                notes.Add($"MTU {m}: {v.Source}");
                return m;
            }

            notes.Add($"MTU assumed: {v.Source} (0 or empty means auto), so {auto}");
            return null;
        }

        notes.Add($"MTU assumed: no {name} in the snapshot, so {auto}");
        return null;
    }

    /// <summary>calico-node accepts any case and "Off" for Never (CALICO_IPV4POOL_IPIP=off in older manifests).</summary>
    private static string Mode(string value) => value.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "always" => "Always",
        "crosssubnet" => "CrossSubnet",
        "never" or "off" or "false" or "" => "Never",
        _ => value,
    };
}

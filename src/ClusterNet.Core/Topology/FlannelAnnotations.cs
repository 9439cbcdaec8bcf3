using ClusterNet.Core.Findings;
using System.Text.Json;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Topology;

/// <summary>The per-node annotations flanneld writes (kube subnet manager), parsed with every problem reported.</summary>
public static class FlannelAnnotations
{
    public const string Prefix = "flannel.alpha.coreos.com/";
    public const string BackendType = Prefix + "backend-type";
    public const string BackendData = Prefix + "backend-data";
    public const string PublicIp = Prefix + "public-ip";
    public const string PublicIpOverwrite = Prefix + "public-ip-overwrite";
    public const string KubeSubnetManager = Prefix + "kube-subnet-manager";

    /// <summary>Reads the annotations of one node; <paramref name="expectedBackend"/> decides whether backend-data must hold a VtepMAC.</summary>
    internal static FlannelNodeAnnotations Read(NodeInfo node, string? expectedBackend, List<Finding> warnings)
    {
        var obj = $"Node/{node.Name}";
        var elementId = ElementIds.Node(node.Name);
        node.Annotations.TryGetValue(BackendType, out var backendType);
        if (string.IsNullOrWhiteSpace(backendType))
        {
            warnings.Add(TopologyFindings.Create(WarningCode.FlannelAnnotationMissing, Severity.Warning,
                "no backend-type annotation: flanneld has not registered this node (not running, or crashing on its config)", obj, $"metadata.annotations[{BackendType}]", elementId));
            backendType = null;
        }

        string? publicIp = null;
        foreach (var key in new[] { PublicIpOverwrite, PublicIp })
        {
            if (node.Annotations.TryGetValue(key, out var v) && publicIp is null)
            {
                if (Ipv4Cidr.TryParseAddress(v, out _))
                {
                    publicIp = v;
                }
                else
                {
                    warnings.Add(TopologyFindings.Create(WarningCode.FlannelAnnotationInvalid, Severity.Warning,
                        $"'{v}' is not an IPv4 address", obj, $"metadata.annotations[{key}]", elementId));
                }
            }
        }

        if (publicIp is null && !node.Annotations.ContainsKey(PublicIp))
        {
            warnings.Add(TopologyFindings.Create(WarningCode.FlannelAnnotationMissing, Severity.Warning,
                "no public-ip annotation: peers route to the node IP instead", obj, $"metadata.annotations[{PublicIp}]", elementId));
        }

        int? vni = null;
        string? vtepMac = null;
        var backend = backendType ?? expectedBackend;
        if (node.Annotations.TryGetValue(BackendData, out var data) && !string.IsNullOrWhiteSpace(data) && data != "null")
        {
            try
            {
                using var doc = JsonDocument.Parse(data);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new JsonException("expected an object");
                }

                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (p.NameEquals("VNI") || string.Equals(p.Name, "vni", StringComparison.OrdinalIgnoreCase))
                    {
                        vni = p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var n) ? n : null;
                    }
                    else if (string.Equals(p.Name, "VtepMAC", StringComparison.OrdinalIgnoreCase))
                    {
                        vtepMac = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null;
                    }
                }

                if (backend == "vxlan" && (vtepMac is null || !IsMac(vtepMac)))
                {
                    warnings.Add(TopologyFindings.Create(WarningCode.FlannelAnnotationInvalid, Severity.Warning,
                        $"backend-data has no valid VtepMAC ({data}): peers cannot fill their FDB/ARP entries for this node", obj, $"metadata.annotations[{BackendData}]", elementId));
                    vtepMac = null;
                }
            }
            catch (JsonException ex)
            {
                warnings.Add(TopologyFindings.Create(WarningCode.FlannelAnnotationInvalid, Severity.Warning,
                    $"backend-data is not valid JSON ({FirstSentence(ex.Message)}): '{data}'", obj, $"metadata.annotations[{BackendData}]", elementId));
            }
        }
        else if (backend == "vxlan")
        {
            warnings.Add(TopologyFindings.Create(WarningCode.FlannelAnnotationMissing, Severity.Warning,
                "no backend-data annotation: the node's VtepMAC is unknown, so peers have no FDB entry for it", obj, $"metadata.annotations[{BackendData}]", elementId));
        }

        return new FlannelNodeAnnotations(backendType, vni, vtepMac, publicIp);
    }

    internal static bool IsMac(string s)
    {
        var parts = s.Split(':');
        return parts.Length == 6 && parts.All(p => p.Length == 2 && p.All(char.IsAsciiHexDigit));
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }
}

using System.Globalization;
using System.Text.Json;
using ClusterNet.Core.Model;

namespace ClusterNet.Kubernetes.Conversion;

public static partial class KubeModelMapper
{
    /// <summary>
    /// Calico IPPool from a generic object (crd.projectcalico.org/v1 as stored by the CRD, or projectcalico.org/v3 from the
    /// Calico API server): spec.cidr, ipipMode, vxlanMode, natOutgoing, disabled, blockSize. The pre-3.x
    /// <c>ipip: {enabled, mode}</c> form is read when ipipMode is absent.
    /// </summary>
    public static IpPoolInfo ToIpPool(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var name = Name(obj);
        var what = "IPPool " + name;
        var r = new JsonFieldReader(diagnostics, what);
        var spec = Child(obj, "spec");
        var ipipMode = Mode(GetString(spec, "ipipMode", "spec.ipipMode", diagnostics, what), diagnostics, what, "spec.ipipMode");
        if (ipipMode is null && Child(spec, "ipip") is { ValueKind: JsonValueKind.Object } ipip)
        {
            var enabled = r.Bool(ipip, "enabled", "spec.ipip.enabled") ?? true;
            ipipMode = enabled ? Mode(GetString(ipip, "mode", "spec.ipip.mode", diagnostics, what), diagnostics, what, "spec.ipip.mode") ?? "Always" : "Never";
        }

        return new IpPoolInfo
        {
            Name = name,
            Cidr = GetString(spec, "cidr", "spec.cidr", diagnostics, what) ?? "",
            IpipMode = ipipMode ?? "Never",
            VxlanMode = Mode(GetString(spec, "vxlanMode", "spec.vxlanMode", diagnostics, what), diagnostics, what, "spec.vxlanMode") ?? "Never",
            NatOutgoing = r.Bool(spec, "natOutgoing", "spec.natOutgoing") ?? false,
            Disabled = r.Bool(spec, "disabled", "spec.disabled") ?? false,
            BlockSize = r.Int(spec, "blockSize", "spec.blockSize"),
        };
    }

    /// <summary>Calico BGPConfiguration: spec.nodeToNodeMeshEnabled (default true) and spec.asNumber (number, numeric string or "a.b" asdot).</summary>
    public static BgpConfigurationInfo ToBgpConfiguration(JsonElement obj, ICollection<SourceDiagnostic>? diagnostics = null)
    {
        var name = Name(obj);
        var what = "BGPConfiguration " + name;
        var r = new JsonFieldReader(diagnostics, what);
        var spec = Child(obj, "spec");
        return new BgpConfigurationInfo
        {
            Name = name,
            NodeToNodeMeshEnabled = r.Bool(spec, "nodeToNodeMeshEnabled", "spec.nodeToNodeMeshEnabled") ?? true,
            AsNumber = AsNumber(spec, diagnostics, what),
        };
    }

    /// <summary>Overloads for objects already materialised as dictionaries (nested dictionaries, lists, scalars).</summary>
    public static IpPoolInfo ToIpPool(IDictionary<string, object?> obj, ICollection<SourceDiagnostic>? diagnostics = null) =>
        ToIpPool(JsonSerializer.SerializeToElement(obj), diagnostics);

    public static BgpConfigurationInfo ToBgpConfiguration(IDictionary<string, object?> obj, ICollection<SourceDiagnostic>? diagnostics = null) =>
        ToBgpConfiguration(JsonSerializer.SerializeToElement(obj), diagnostics);

    private static string Name(JsonElement obj) =>
        Child(Child(obj, "metadata"), "name") is { ValueKind: JsonValueKind.String } n ? n.GetString() ?? "" : "";

    private static JsonElement? Child(JsonElement? parent, string name) => JsonFieldReader.Child(parent, name);

    /// <summary>A string; anything else is reported and kept as its JSON text (a CIDR or mode written unquoted still reads).</summary>
    private static string? GetString(JsonElement? parent, string name, string path, ICollection<SourceDiagnostic>? diagnostics, string what)
    {
        switch (Child(parent, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.String } s:
                return s.GetString();
            case { } other:
                diagnostics?.Add(new SourceDiagnostic(Warning, $"expected a string, found {Describe(other)}", Object: what, Field: path));
                return other.GetRawText();
        }
    }

    private static int? AsNumber(JsonElement? spec, ICollection<SourceDiagnostic>? diagnostics, string what)
    {
        var value = Child(spec, "asNumber");
        if (value is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var number) && number is >= 0 and <= uint.MaxValue)
        {
            return unchecked((int)(uint)number);
        }

        if (value is { ValueKind: JsonValueKind.String } s)
        {
            var text = s.GetString() ?? "";
            var dot = text.IndexOf('.');
            if (dot < 0 && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
            {
                return unchecked((int)plain);
            }

            if (dot > 0 && ushort.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var high)
                && ushort.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var low))
            {
                return unchecked((int)(((uint)high << 16) | low));
            }
        }

        if (value is { } bad)
        {
            diagnostics?.Add(new SourceDiagnostic(Warning, $"asNumber {Describe(bad)} is not an AS number (0-4294967295 or a.b); ignored", Object: what, Field: "spec.asNumber"));
        }

        return null;
    }

    /// <summary>Normalises Calico encapsulation modes; v1 CRDs of old releases spelled them lower-case ("always", "cross-subnet").</summary>
    private static string? Mode(string? value, ICollection<SourceDiagnostic>? diagnostics, string what, string field)
    {
        if (value is null)
        {
            return null;
        }

        switch (value.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant())
        {
            case "always":
                return "Always";
            case "crosssubnet":
                return "CrossSubnet";
            case "never" or "off" or "":
                return "Never";
            default:
                diagnostics?.Add(new SourceDiagnostic(Warning, $"mode \"{value}\" is not Always, CrossSubnet or Never", Object: what, Field: field));
                return value;
        }
    }

    private static string Describe(JsonElement e) => JsonFieldReader.Describe(e);
}

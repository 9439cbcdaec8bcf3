using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Controllers;

/// <summary>
/// Traefik's static configuration flags for one entry point (case-insensitive, as Traefik reads them):
/// <c>--entryPoints.NAME.forwardedHeaders.trustedIPs=CIDR,…</c>, <c>--entryPoints.NAME.forwardedHeaders.insecure</c>,
/// <c>--entryPoints.NAME.proxyProtocol.trustedIPs=CIDR,…</c>, <c>--entryPoints.NAME.proxyProtocol.insecure</c>.
/// Defaults (Traefik documentation): forwarded headers trusted from nobody (Traefik drops X-Forwarded-* from untrusted
/// senders and appends the peer), PROXY protocol off. The entry point is the Ingress's
/// <c>traefik.ingress.kubernetes.io/router.entrypoints</c> annotation, else "web" when defined, else the first.
/// </summary>
internal static class TraefikSettingsReader
{
    public const string EntryPointsAnnotation = "traefik.ingress.kubernetes.io/router.entrypoints";

    public static ProxyControllerSettings Read(WorkloadInfo? workload, IngressInfo ingress)
    {
        var args = workload is null ? [] : workload.Containers.Where(c => !c.IsInit).SelectMany(c => c.Command).ToList();
        var where = workload is null ? "" : $"{workload.Kind} {workload.Namespace}/{workload.Name} args";
        var flags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var entryPoints = new List<string>();
        foreach (var a in args.Where(a => a.StartsWith("--entrypoints.", StringComparison.OrdinalIgnoreCase)))
        {
            var eq = a.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? a[2..] : a[2..eq];
            flags[key] = eq < 0 ? "true" : a[(eq + 1)..];
            var name = key.Split('.')[1];
            if (!entryPoints.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                entryPoints.Add(name);
            }
        }

        var notes = new List<string>();
        string ep;
        if (ingress.Annotations.TryGetValue(EntryPointsAnnotation, out var annotated) && annotated.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } named)
        {
            ep = named[0];
            if (named.Length > 1)
            {
                notes.Add($"The Ingress uses entry points {annotated}; the analysis follows {ep}.");
            }
        }
        else
        {
            ep = entryPoints.FirstOrDefault(e => e.Equals("web", StringComparison.OrdinalIgnoreCase)) ?? entryPoints.FirstOrDefault() ?? "web";
            if (entryPoints.Count > 1)
            {
                notes.Add($"Traefik defines entry points {string.Join(", ", entryPoints)} and the Ingress names none, so it is served on all of them; the analysis follows {ep}.");
            }
        }

        if (args.Any(a => a.StartsWith("--configfile", StringComparison.OrdinalIgnoreCase)))
        {
            notes.Add("Traefik also reads a static configuration file (--configFile); settings made only there are not visible here.");
        }

        string? Flag(string suffix) => flags.TryGetValue($"entrypoints.{ep}.{suffix}", out var v) ? v : null;
        var lines = new List<ClientIpEvidence> { new("entry point", ep, notes.Count == 0 ? null : "see notes") };
        var problems = new List<string>();
        bool Bool(string suffix)
        {
            var v = Flag(suffix);
            if (v is null)
            {
                lines.Add(ProxyControllerSettings.Assumed($"entryPoints.{ep}.{suffix}", "false", "Traefik"));
                return false;
            }

            lines.Add(ProxyControllerSettings.Read($"entryPoints.{ep}.{suffix}", v, where));
            if (bool.TryParse(v, out var b))
            {
                return b;
            }

            problems.Add($"{where}: --entryPoints.{ep}.{suffix}={v} is not a boolean; Traefik refuses to start with it");
            return false;
        }

        ImmutableArray<string> List(string suffix)
        {
            var v = Flag(suffix);
            if (v is null)
            {
                lines.Add(ProxyControllerSettings.Assumed($"entryPoints.{ep}.{suffix}", "(none)", "Traefik"));
                return [];
            }

            lines.Add(ProxyControllerSettings.Read($"entryPoints.{ep}.{suffix}", v, where));
            return [.. v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        }

        var fhInsecure = Bool("forwardedHeaders.insecure");
        var fhTrusted = List("forwardedHeaders.trustedIPs");
        var ppInsecure = Bool("proxyProtocol.insecure");
        var ppTrusted = List("proxyProtocol.trustedIPs");
        var ppOn = ppInsecure || !ppTrusted.IsEmpty || flags.Keys.Any(k => k.StartsWith($"entrypoints.{ep}.proxyProtocol", StringComparison.OrdinalIgnoreCase));
        return new ProxyControllerSettings
        {
            Kind = IngressControllerKind.Traefik,
            AcceptsProxyProtocol = ppOn,
            ProxyProtocolFrom = ppInsecure ? ["0.0.0.0/0"] : ppTrusted,
            // Traefik reads the PROXY header from trusted senders when one is present and accepts plain connections too
            // (assumed from its documentation, which describes trusted senders, not a requirement).
            ProxyProtocolRequired = false,
            XffTrustedFrom = fhInsecure ? ["0.0.0.0/0"] : fhTrusted,
            XffHandling = ProxyXffHandling.AppendIfTrusted,
            Target = workload is null ? "Deployment traefik (args)" : $"{workload.Kind} {workload.Namespace}/{workload.Name}",
            Lines = [.. lines],
            Problems = [.. problems],
            Notes = [.. notes, .. ppOn ? ["Traefik is assumed to read a PROXY header from its trusted senders when present and to accept plain connections as well."] : Array.Empty<string>()],
        };
    }

    /// <summary>The flag prefix for the entry point the settings follow.</summary>
    public static string EntryPoint(ProxyControllerSettings s) => s.Lines.FirstOrDefault(l => l.Field == "entry point")?.Value ?? "web";
}

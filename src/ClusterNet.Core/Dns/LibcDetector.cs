namespace ClusterNet.Core.Dns;

/// <summary>
/// Guesses a container image's C library from its reference alone (no registry access), by the first rule that matches,
/// in order: the user's override; Alpine and -alpine tags (musl); variant tags (musl, glibc, uclibc); a table of
/// well-known images (<see cref="KnownImages"/>: curlimages/curl is Alpine, busybox variants, golang builds Go programs
/// that use Go's own resolver); static images (distroless/static, scratch); distroless; Chainguard; images built FROM
/// alpine; glibc distribution bases and tags (-slim, bookworm, ...); official language images without a variant tag
/// (Debian). The matched rule is <see cref="LibcGuess.Rule"/>, its evidence <see cref="LibcGuess.Reason"/>.
/// </summary>
public static class LibcDetector
{
    /// <summary>A well-known image whose C library its name doesn't say.</summary>
    private sealed record KnownImage(string Repo, LibcKind Libc, LibcConfidence Confidence, string Reason, bool Static = false);

    /// <summary>
    /// Images whose C library is known from how they are built (their Dockerfiles), matched on the repository without
    /// registry and tag. Where a tag names a variant (busybox:musl, nginx:1.27-alpine) the tag rules decide first.
    /// </summary>
    private static readonly KnownImage[] KnownImages =
    [
        new("curlimages/curl", LibcKind.Musl, LibcConfidence.High, "curlimages/curl is built FROM alpine (musl), though its name doesn't say so"),
        new("nicolaka/netshoot", LibcKind.Musl, LibcConfidence.High, "nicolaka/netshoot is built FROM alpine (musl)"),
        new("busybox", LibcKind.Glibc, LibcConfidence.Medium, "busybox without a variant tag is the glibc variant (the other variants are :musl and :uclibc); its applets are linked statically with that library's resolver"),
        new("golang", LibcKind.Glibc, LibcConfidence.Medium, "golang is Debian-based, but Go programs resolve names with Go's own resolver (the default on Linux unless built with cgo and netcgo): simulated as glibc, whose search rules Go follows; Go sends A and AAAA from separate sockets", Static: true),
        new("coredns/coredns", LibcKind.Glibc, LibcConfidence.Medium, "coredns/coredns is a static Go binary on a distroless base: Go's own resolver, simulated as glibc", Static: true),
    ];

    // Images whose default tags are Alpine-based (their Dockerfiles start FROM alpine).
    private static readonly HashSet<string> KnownMuslRepos = new(StringComparer.Ordinal)
    {
        "alpine", "traefik", "caddy", "docker", "haproxytech/haproxy-alpine", "grafana/grafana", "grafana/grafana-oss",
        "ingress-nginx/controller", "flannel/flannel", "rancher/mirrored-flannelcni-flannel", "gliderlabs/alpine", "mhart/alpine-node",
        "nginxinc/nginx-unprivileged", "linuxserver/baseimage-alpine", "bitnami/kubectl",
    };

    private static readonly string[] GlibcTagHints = ["bookworm", "bullseye", "buster", "stretch", "trixie", "jammy", "focal", "noble", "bionic", "slim", "ubi", "centos", "rocky", "alma", "amazonlinux", "fedora", "debian", "ubuntu", "windowsservercore"];

    private static readonly string[] GlibcRepoHints = ["debian", "ubuntu", "centos", "rockylinux", "almalinux", "fedora", "amazonlinux", "oraclelinux", "ubi8", "ubi9", "ubi10", "ubi-minimal", "ubi8-minimal", "ubi9-minimal", "redhat/ubi", "opensuse", "archlinux"];

    private static readonly HashSet<string> OfficialDebianDefault = new(StringComparer.Ordinal)
    {
        "php", "node", "python", "ruby", "openjdk", "eclipse-temurin", "nginx", "httpd", "redis", "postgres", "mysql", "mariadb",
        "memcached", "rabbitmq", "perl", "rust", "elixir", "erlang", "wordpress", "drupal", "tomcat", "maven", "gradle", "mongo", "elasticsearch",
    };

    public static LibcGuess Detect(string image, IReadOnlyDictionary<string, LibcKind>? overrides = null)
    {
        var reference = image.Trim();
        if (overrides is not null && overrides.TryGetValue(reference, out var forced))
        {
            return new LibcGuess(reference, forced, LibcConfidence.High, "set by the user", Overridden: true) { Rule = "override" };
        }

        var (repo, tag) = Split(reference.ToLowerInvariant());
        var last = repo.Contains('/') ? repo[(repo.LastIndexOf('/') + 1)..] : repo;
        var path = StripRegistry(repo);

        if (reference.Length == 0)
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.Low, "no image given; assuming glibc") { Rule = "no image" };
        }

        if (last == "alpine" || path.StartsWith("alpine/", StringComparison.Ordinal) || last.EndsWith("-alpine", StringComparison.Ordinal))
        {
            return new LibcGuess(reference, LibcKind.Musl, LibcConfidence.High, $"'{last}' is Alpine Linux, which uses musl") { Rule = "alpine image" };
        }

        if (tag.Contains("alpine", StringComparison.Ordinal))
        {
            return new LibcGuess(reference, LibcKind.Musl, LibcConfidence.High, $"the tag '{tag}' names an Alpine variant, which uses musl") { Rule = "alpine tag" };
        }

        if (tag.Contains("musl", StringComparison.Ordinal))
        {
            return new LibcGuess(reference, LibcKind.Musl, LibcConfidence.High, $"the tag '{tag}' names a musl build") { Rule = "musl tag" };
        }

        if (tag.Contains("uclibc", StringComparison.Ordinal))
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.Low, $"the tag '{tag}' names a uClibc build: uClibc-ng's resolver is not modelled, simulated as glibc") { Rule = "uclibc tag" };
        }

        if (tag.Contains("glibc", StringComparison.Ordinal))
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.High, $"the tag '{tag}' names a glibc build") { Rule = "glibc tag" };
        }

        if (KnownImages.FirstOrDefault(k => path == k.Repo || path == "library/" + k.Repo) is { } known)
        {
            return new LibcGuess(reference, known.Libc, known.Confidence, known.Reason, Static: known.Static) { Rule = $"known image {known.Repo}" };
        }

        if (path.Contains("distroless/static", StringComparison.Ordinal) || path.EndsWith("chainguard/static", StringComparison.Ordinal) || last is "scratch")
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.Low, "a static image without a C library: the program resolves names itself (a Go binary uses Go's own resolver, which follows glibc's search rules)", Static: true) { Rule = "static image" };
        }

        if (path.Contains("distroless/", StringComparison.Ordinal))
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.High, "distroless base/cc/language images are built from Debian and ship glibc") { Rule = "distroless" };
        }

        if (path.StartsWith("chainguard/", StringComparison.Ordinal) || repo.StartsWith("cgr.dev/", StringComparison.Ordinal))
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.Medium, "Chainguard images are built on Wolfi, which uses glibc") { Rule = "chainguard" };
        }

        if (KnownMuslRepos.Contains(path) || KnownMuslRepos.Contains(last))
        {
            return new LibcGuess(reference, LibcKind.Musl, LibcConfidence.Medium, $"'{path}' images are built FROM alpine by default") { Rule = "built from alpine" };
        }

        if (GlibcRepoHints.Any(h => path == h || path.EndsWith("/" + h, StringComparison.Ordinal) || last.StartsWith(h, StringComparison.Ordinal)))
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.High, $"'{last}' is a glibc distribution base") { Rule = "glibc distribution" };
        }

        var hint = GlibcTagHints.FirstOrDefault(h => tag.Contains(h, StringComparison.Ordinal));
        if (hint is not null)
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.High, $"the tag '{tag}' names a {hint} (glibc) variant") { Rule = $"{hint} tag" };
        }

        if (OfficialDebianDefault.Contains(path) || (path.StartsWith("library/", StringComparison.Ordinal) && OfficialDebianDefault.Contains(path[8..])))
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.Medium, $"the official '{last}' image is Debian-based unless the tag says alpine") { Rule = "official image default" };
        }

        return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.Low, "nothing in the image name says Alpine or static; most images are Debian, Ubuntu or RHEL based (glibc)") { Rule = "fallback" };
    }

    /// <summary>repository and tag of a reference (digest removed); the tag is "" when absent.</summary>
    private static (string Repo, string Tag) Split(string reference)
    {
        var at = reference.IndexOf('@');
        if (at >= 0)
        {
            reference = reference[..at];
        }

        var slash = reference.LastIndexOf('/');
        var colon = reference.LastIndexOf(':');
        return colon > slash ? (reference[..colon], reference[(colon + 1)..]) : (reference, "");
    }

    /// <summary>Drops a registry host (a first segment with a dot or port, or localhost) and docker.io's library/.</summary>
    private static string StripRegistry(string repo)
    {
        var slash = repo.IndexOf('/');
        if (slash > 0)
        {
            var first = repo[..slash];
            if (first.Contains('.') || first.Contains(':') || first == "localhost")
            {
                repo = repo[(slash + 1)..];
            }
        }

        return repo.StartsWith("library/", StringComparison.Ordinal) ? repo[8..] : repo;
    }
}

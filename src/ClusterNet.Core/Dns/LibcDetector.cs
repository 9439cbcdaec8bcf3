namespace ClusterNet.Core.Dns;

/// <summary>
/// Guesses a container image's C library from its reference alone (no registry access): Alpine and -alpine tags mean
/// musl; distroless/static means no libc; Debian, Ubuntu and UBI bases mean glibc; official language images without a
/// variant tag are Debian-based. The user can override any guess.
/// </summary>
public static class LibcDetector
{
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
        "php", "node", "python", "ruby", "golang", "openjdk", "eclipse-temurin", "nginx", "httpd", "redis", "postgres", "mysql", "mariadb",
        "memcached", "rabbitmq", "perl", "rust", "elixir", "erlang", "wordpress", "drupal", "tomcat", "maven", "gradle", "mongo", "elasticsearch",
    };

    public static LibcGuess Detect(string image, IReadOnlyDictionary<string, LibcKind>? overrides = null)
    {
        var reference = image.Trim();
        if (overrides is not null && overrides.TryGetValue(reference, out var forced))
        {
            return new LibcGuess(reference, forced, LibcConfidence.High, "set by the user", Overridden: true);
        }

        var (repo, tag) = Split(reference.ToLowerInvariant());
        var last = repo.Contains('/') ? repo[(repo.LastIndexOf('/') + 1)..] : repo;
        var path = StripRegistry(repo);

        if (reference.Length == 0)
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.Low, "no image given; assuming glibc");
        }

        if (last == "alpine" || path.StartsWith("alpine/", StringComparison.Ordinal) || last.EndsWith("-alpine", StringComparison.Ordinal))
        {
            return new LibcGuess(reference, LibcKind.Musl, LibcConfidence.High, $"'{last}' is Alpine Linux, which uses musl");
        }

        if (tag.Contains("alpine", StringComparison.Ordinal))
        {
            return new LibcGuess(reference, LibcKind.Musl, LibcConfidence.High, $"the tag '{tag}' names an Alpine variant, which uses musl");
        }

        if (tag.Contains("musl", StringComparison.Ordinal))
        {
            return new LibcGuess(reference, LibcKind.Musl, LibcConfidence.High, $"the tag '{tag}' names a musl build");
        }

        if (path.Contains("distroless/static", StringComparison.Ordinal) || path.EndsWith("chainguard/static", StringComparison.Ordinal) || last is "scratch")
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.Low, "a static image without a C library: the program resolves names itself (Go's resolver follows glibc's search rules)", Static: true);
        }

        if (path.Contains("distroless/", StringComparison.Ordinal))
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.High, "distroless base/cc/language images are built from Debian and ship glibc");
        }

        if (path.StartsWith("chainguard/", StringComparison.Ordinal) || repo.StartsWith("cgr.dev/", StringComparison.Ordinal))
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.Medium, "Chainguard images are built on Wolfi, which uses glibc");
        }

        if (KnownMuslRepos.Contains(path) || KnownMuslRepos.Contains(last))
        {
            return new LibcGuess(reference, LibcKind.Musl, LibcConfidence.Medium, $"'{path}' images are built FROM alpine by default");
        }

        if (GlibcRepoHints.Any(h => path == h || path.EndsWith("/" + h, StringComparison.Ordinal) || last.StartsWith(h, StringComparison.Ordinal)))
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.High, $"'{last}' is a glibc distribution base");
        }

        var hint = GlibcTagHints.FirstOrDefault(h => tag.Contains(h, StringComparison.Ordinal));
        if (hint is not null)
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.High, $"the tag '{tag}' names a {hint} (glibc) variant");
        }

        if (OfficialDebianDefault.Contains(path) || (path.StartsWith("library/", StringComparison.Ordinal) && OfficialDebianDefault.Contains(path[8..])))
        {
            return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.Medium, $"the official '{last}' image is Debian-based unless the tag says alpine");
        }

        return new LibcGuess(reference, LibcKind.Glibc, LibcConfidence.Low, "nothing in the image name says Alpine or static; most images are Debian, Ubuntu or RHEL based (glibc)");
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

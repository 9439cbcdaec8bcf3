namespace ClusterNet.Core.Dns;

/// <summary>
/// A C library and version, with the resolver behaviours that changed between versions. Which of these were measured
/// and which come from the libraries' documented history is listed in tests/ClusterNet.Core.Tests/Dns/Measured/README.md.
/// </summary>
public sealed record LibcProfile(LibcKind Kind, LibcVersion Version)
{
    public static readonly LibcVersion NewestGlibc = new(2, 42, 0);
    public static readonly LibcVersion NewestMusl = new(1, 2, 5);

    public static LibcProfile Glibc { get; } = new(LibcKind.Glibc, NewestGlibc);
    public static LibcProfile Musl { get; } = new(LibcKind.Musl, NewestMusl);

    /// <summary>Parses "glibc"/"musl" and an optional version ("2.36", "1.2.3"); the newest of each when absent.</summary>
    public static LibcProfile Parse(string libc, string? version = null)
    {
        var kind = libc.Trim().ToLowerInvariant() switch
        {
            "glibc" => LibcKind.Glibc,
            "musl" => LibcKind.Musl,
            _ => throw new ArgumentException($"libc must be glibc or musl, got '{libc}'"),
        };
        if (version is null)
        {
            return kind == LibcKind.Glibc ? Glibc : Musl;
        }

        if (!LibcVersion.TryParse(version, out var v))
        {
            throw new ArgumentException($"libc version must look like {(kind == LibcKind.Glibc ? "2.36" : "1.2.3")}, got '{version}'");
        }

        if (kind == LibcKind.Glibc ? v.Major != 2 : v.Major != 1 && v.Major != 0)
        {
            throw new ArgumentException($"'{version}' is not a {(kind == LibcKind.Glibc ? "glibc (2.x)" : "musl (1.x)")} version");
        }

        return new LibcProfile(kind, v);
    }

    public bool IsGlibc => Kind == LibcKind.Glibc;
    public bool IsMusl => Kind == LibcKind.Musl;

    public string Name => IsGlibc ? "glibc" : "musl";

    /// <summary>musl before 1.1.13 ignored search and domain lines.</summary>
    public bool SupportsSearch => IsGlibc || Version >= new LibcVersion(1, 1, 13);

    /// <summary>glibc before 2.26 used at most 6 search domains and 256 characters of them.</summary>
    public int? MaxSearchDomains => IsGlibc && Version < new LibcVersion(2, 26, 0) ? 6 : null;

    public int? MaxSearchChars => IsGlibc && Version < new LibcVersion(2, 26, 0) ? 255 : null;

    /// <summary>musl reads resolv.conf through a 256-byte line buffer and skips longer lines whole.</summary>
    public int? MaxSearchLineLength => IsMusl ? 254 : null;

    /// <summary>
    /// musl from 1.2.1 reports a failure of either half of the A/AAAA pair (EAI_AGAIN) instead of returning the half that
    /// answered, and treats NOERROR without addresses as the end of the search.
    /// </summary>
    public bool MuslStrictPairs => IsMusl && Version >= new LibcVersion(1, 2, 1);

    /// <summary>Retry over TCP when a UDP reply is truncated: glibc always, musl from 1.2.4.</summary>
    public bool TcpOnTruncation => IsGlibc || Version >= new LibcVersion(1, 2, 4);

    /// <summary>
    /// musl's error for a name that exists without the asked address type (a NODATA reply, or an /etc/hosts line of
    /// the other family): EAI_NONAME up to 1.2.3, EAI_NODATA from 1.2.4 (measured on 1.2.3 and 1.2.5).
    /// </summary>
    public string MuslNoDataError => Version >= new LibcVersion(1, 2, 4) ? "EAI_NODATA" : "EAI_NONAME";

    /// <summary>The versions whose resolver was measured against the real library (tests/ClusterNet.Core.Tests/Dns/Measured).</summary>
    public static readonly IReadOnlyList<LibcProfile> Measured = [new(LibcKind.Glibc, new LibcVersion(2, 36, 0)), new(LibcKind.Musl, new LibcVersion(1, 2, 3)), new(LibcKind.Musl, new LibcVersion(1, 2, 5))];

    /// <summary>Says how this version's behaviour is known when it is not one of the measured versions.</summary>
    public string? ModelAssumption()
    {
        if (Measured.Contains(this))
        {
            return null;
        }

        if (IsGlibc)
        {
            return $"glibc {Version} is modelled as the measured glibc 2.36, with the documented version differences (search-list caps before 2.26, options by version)";
        }

        if (Version == new LibcVersion(1, 2, 4))
        {
            return "musl 1.2.4 is modelled as the measured 1.2.5 for EAI_NODATA and the TCP retry of truncated replies (both changed in 1.2.4; no Debian suite ships 1.2.4 to measure)";
        }

        return Version > new LibcVersion(1, 2, 5)
            ? $"musl {Version} is modelled as the measured 1.2.5"
            : $"musl {Version} is modelled from the measured 1.2.3 and 1.2.5 and musl's change history";
    }

    /// <summary>Reply size the library accepts over UDP: 512, or 1200 with glibc's edns0.</summary>
    public int UdpLimit(ResolverSettings settings) => IsGlibc && settings.Edns0 ? 1200 : 512;

    public override string ToString() => $"{Name} {Version}";
}

namespace ClusterNet.Web.PageModels.Dns;

/// <summary>
/// One entry of the DNS page's C library control: what the URL's <c>libc</c> and <c>libc-version</c> say, and how it reads.
/// "auto" (both null) is the guess from the pod's images.
/// </summary>
public sealed record DnsLibcChoice(string Key, string Label, string? Libc, string? Version)
{
    public const string AutoKey = "auto";

    /// <summary>The measured versions, the ones that changed behaviour, and the newest models.</summary>
    public static IReadOnlyList<DnsLibcChoice> All { get; } =
    [
        new(AutoKey, "auto (from the image)", null, null),
        new("glibc", "glibc (newest)", "glibc", null),
        new("glibc 2.36", "glibc 2.36 (measured)", "glibc", "2.36"),
        new("musl 1.2.5", "musl 1.2.5 (measured; Alpine 3.20+)", "musl", "1.2.5"),
        new("musl 1.2.4", "musl 1.2.4 (Alpine 3.18–3.19)", "musl", "1.2.4"),
        new("musl 1.2.3", "musl 1.2.3 (measured; Alpine 3.16–3.17)", "musl", "1.2.3"),
        new("musl 1.1.24", "musl 1.1.24 (Alpine 3.11–3.12)", "musl", "1.1.24"),
    ];

    /// <summary>The entry the URL's values name; a version not listed gets its own entry so the control shows what the URL says.</summary>
    public static DnsLibcChoice Of(string? libc, string? version)
    {
        if (string.IsNullOrWhiteSpace(libc) && string.IsNullOrWhiteSpace(version))
        {
            return All[0];
        }

        var kind = string.IsNullOrWhiteSpace(libc) ? "glibc" : libc.Trim().ToLowerInvariant();
        var key = string.IsNullOrWhiteSpace(version) ? kind : $"{kind} {version.Trim()}";
        return All.FirstOrDefault(c => c.Key == key) ?? new DnsLibcChoice(key, key, kind, version?.Trim());
    }
}

namespace ClusterNet.Core.Dns;

/// <summary>
/// The C library a container image most likely resolves names with. Static is true for images without a C library
/// (distroless/static, scratch-style Go binaries): their resolver is the program's own (Go's follows glibc's search
/// rules), so they are simulated as glibc with low confidence.
/// </summary>
public sealed record LibcGuess(string Image, LibcKind Libc, LibcConfidence Confidence, string Reason, bool Static = false, bool Overridden = false)
{
    public string Label => Static ? "static (no libc)" : Libc == LibcKind.Musl ? "musl" : "glibc";

    /// <summary>Which of <see cref="LibcDetector"/>'s rules decided ("alpine tag", "known image curlimages/curl", "override"...).</summary>
    public string Rule { get; init; } = "";

    /// <summary>The evidence in one line: label, confidence, the rule that matched and why.</summary>
    public string Evidence => $"{Label} ({Confidence.ToString().ToLowerInvariant()} confidence, rule: {Rule}: {Reason})";
}

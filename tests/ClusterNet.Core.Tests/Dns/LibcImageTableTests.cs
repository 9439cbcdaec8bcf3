using ClusterNet.Core.Dns;

namespace ClusterNet.Core.Tests.Dns;

/// <summary>Well-known images whose C library the name alone doesn't say, one family per test, with the rule that decided.</summary>
public sealed class LibcImageTableTests
{
    [Theory]
    [InlineData("curlimages/curl:8.5.0", "known image curlimages/curl")]
    [InlineData("docker.io/curlimages/curl", "known image curlimages/curl")]
    [InlineData("quay.io/curlimages/curl:latest@sha256:abcd", "known image curlimages/curl")]
    public void Curl_IsAlpineBased(string image, string rule)
    {
        var g = LibcDetector.Detect(image);
        Assert.Equal((LibcKind.Musl, LibcConfidence.High, rule), (g.Libc, g.Confidence, g.Rule));
        Assert.Contains("FROM alpine", g.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("busybox:1.36-musl", LibcKind.Musl, LibcConfidence.High, "musl tag")]
    [InlineData("busybox:musl", LibcKind.Musl, LibcConfidence.High, "musl tag")]
    [InlineData("busybox:1.36.1-glibc", LibcKind.Glibc, LibcConfidence.High, "glibc tag")]
    [InlineData("busybox:uclibc", LibcKind.Glibc, LibcConfidence.Low, "uclibc tag")]
    [InlineData("busybox", LibcKind.Glibc, LibcConfidence.Medium, "known image busybox")]
    [InlineData("busybox:1.36", LibcKind.Glibc, LibcConfidence.Medium, "known image busybox")]
    public void Busybox_VariantTagDecides(string image, LibcKind libc, LibcConfidence confidence, string rule)
    {
        var g = LibcDetector.Detect(image);
        Assert.Equal((libc, confidence, rule), (g.Libc, g.Confidence, g.Rule));
    }

    [Fact]
    public void Busybox_Uclibc_SaysItIsNotModelled() =>
        Assert.Contains("not modelled", LibcDetector.Detect("busybox:1.36-uclibc").Reason, StringComparison.Ordinal);

    [Theory]
    [InlineData("nginx:1.27-alpine", LibcKind.Musl, "alpine tag")]
    [InlineData("nginx:1.27", LibcKind.Glibc, "official image default")]
    [InlineData("nginx:1.27-alpine-slim", LibcKind.Musl, "alpine tag")]
    [InlineData("python:3.12-alpine3.20", LibcKind.Musl, "alpine tag")]
    [InlineData("python:3.12-slim", LibcKind.Glibc, "slim tag")]
    [InlineData("python:3.12-slim-bookworm", LibcKind.Glibc, "bookworm tag")]
    [InlineData("node:20-alpine", LibcKind.Musl, "alpine tag")]
    [InlineData("node:20-slim", LibcKind.Glibc, "slim tag")]
    [InlineData("node:20", LibcKind.Glibc, "official image default")]
    public void LanguageImages_AlpineVersusSlim(string image, LibcKind libc, string rule)
    {
        var g = LibcDetector.Detect(image);
        Assert.Equal((libc, rule), (g.Libc, g.Rule));
        Assert.False(g.Static);
    }

    [Theory]
    [InlineData("gcr.io/distroless/static-debian12", true, "static image")]
    [InlineData("gcr.io/distroless/static:nonroot", true, "static image")]
    [InlineData("gcr.io/distroless/base-debian12", false, "distroless")]
    [InlineData("gcr.io/distroless/cc-debian12:latest", false, "distroless")]
    public void Distroless_StaticHasNoLibc_BaseHasGlibc(string image, bool isStatic, string rule)
    {
        var g = LibcDetector.Detect(image);
        Assert.Equal((LibcKind.Glibc, isStatic, rule), (g.Libc, g.Static, g.Rule));
    }

    [Theory]
    [InlineData("golang:1.22", "known image golang")]
    [InlineData("golang:1.22-bookworm", "known image golang")]
    [InlineData("scratch", "static image")]
    [InlineData("registry.example.com/team/scratch:v1", "static image")]
    public void GoAndScratch_GoOwnResolver(string image, string rule)
    {
        var g = LibcDetector.Detect(image);
        Assert.True(g.Static);
        Assert.Equal(rule, g.Rule);
        Assert.Contains("Go's own resolver", g.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void GolangAlpine_TheTagStillSaysMusl() => Assert.Equal(LibcKind.Musl, LibcDetector.Detect("golang:1.22-alpine").Libc);

    [Fact]
    public void Override_WinsOverTheTable()
    {
        var g = LibcDetector.Detect("curlimages/curl:8.5.0", new Dictionary<string, LibcKind> { ["curlimages/curl:8.5.0"] = LibcKind.Glibc });
        Assert.Equal((LibcKind.Glibc, "override", true), (g.Libc, g.Rule, g.Overridden));
    }

    [Fact]
    public void Evidence_NamesTheRule() =>
        Assert.Equal("musl (high confidence, rule: known image curlimages/curl: curlimages/curl is built FROM alpine (musl), though its name doesn't say so)",
            LibcDetector.Detect("curlimages/curl").Evidence);
}

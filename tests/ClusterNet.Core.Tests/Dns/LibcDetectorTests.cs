using ClusterNet.Core.Dns;

namespace ClusterNet.Core.Tests.Dns;

public sealed class LibcDetectorTests
{
    [Theory]
    [InlineData("php:7.4-fpm-alpine", LibcKind.Musl, LibcConfidence.High, false)]
    [InlineData("alpine:3.18", LibcKind.Musl, LibcConfidence.High, false)]
    [InlineData("docker.io/library/alpine", LibcKind.Musl, LibcConfidence.High, false)]
    [InlineData("node:18-alpine3.17@sha256:0123", LibcKind.Musl, LibcConfidence.High, false)]
    [InlineData("registry.example.com:5000/team/app:1.2-alpine", LibcKind.Musl, LibcConfidence.High, false)]
    [InlineData("alpine/git:latest", LibcKind.Musl, LibcConfidence.High, false)]
    [InlineData("registry.k8s.io/ingress-nginx/controller:v1.9.4", LibcKind.Musl, LibcConfidence.Medium, false)]
    [InlineData("traefik:v2.10", LibcKind.Musl, LibcConfidence.Medium, false)]
    [InlineData("gcr.io/distroless/static-debian12", LibcKind.Glibc, LibcConfidence.Low, true)]
    [InlineData("gcr.io/distroless/base-debian12:nonroot", LibcKind.Glibc, LibcConfidence.High, false)]
    [InlineData("debian:bookworm-slim", LibcKind.Glibc, LibcConfidence.High, false)]
    [InlineData("ubuntu:22.04", LibcKind.Glibc, LibcConfidence.High, false)]
    [InlineData("registry.access.redhat.com/ubi9/ubi-minimal:9.3", LibcKind.Glibc, LibcConfidence.High, false)]
    [InlineData("python:3.12-slim", LibcKind.Glibc, LibcConfidence.High, false)]
    [InlineData("php:7.4-fpm", LibcKind.Glibc, LibcConfidence.Medium, false)]
    [InlineData("mycorp/billing:3.2.1", LibcKind.Glibc, LibcConfidence.Low, false)]
    public void Detect_ImageReference_GuessesLibc(string image, LibcKind libc, LibcConfidence confidence, bool isStatic)
    {
        var guess = LibcDetector.Detect(image);
        Assert.Equal(libc, guess.Libc);
        Assert.Equal(confidence, guess.Confidence);
        Assert.Equal(isStatic, guess.Static);
        Assert.False(string.IsNullOrWhiteSpace(guess.Reason));
    }

    [Fact]
    public void Detect_Override_Wins()
    {
        var guess = LibcDetector.Detect("mycorp/billing:3.2.1", new Dictionary<string, LibcKind> { ["mycorp/billing:3.2.1"] = LibcKind.Musl });
        Assert.Equal(LibcKind.Musl, guess.Libc);
        Assert.True(guess.Overridden);
    }
}

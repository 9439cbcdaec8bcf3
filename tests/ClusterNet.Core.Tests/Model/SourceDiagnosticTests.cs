using ClusterNet.Core.Findings;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.Tests.Model;

public sealed class SourceDiagnosticTests
{
    [Fact]
    public void ToString_AllParts_IsTheCliStderrLine()
    {
        var d = new SourceDiagnostic("error", "invalid CIDR 10.244.1.0/33", "dump.yaml", 3, 12, 5, "Node node01", "spec.podCIDR");

        Assert.Equal("error: dump.yaml, document 3, line 12 column 5, Node node01, field spec.podCIDR: invalid CIDR 10.244.1.0/33", d.ToString());
        Assert.Equal("warning: unknown kind Foo", new SourceDiagnostic("warning", "unknown kind Foo").ToString());
    }

    [Fact]
    public void ToFinding_ObjectInFile_InputAreaWithObjectSubjectAndFileLocation()
    {
        var f = new SourceDiagnostic("error", "invalid CIDR 10.244.1.0/33", "dump.yaml", 3, 12, Object: "Node node01", Field: "spec.podCIDR").ToFinding();

        Assert.Equal(FindingArea.Input, f.Area);
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("input-error", f.Code);
        Assert.Equal("Node node01", f.Subject);
        Assert.Equal("spec.podCIDR", f.Field);
        Assert.Equal("dump.yaml, document 3, line 12", f.Location!.ToString());
        Assert.Equal("invalid CIDR 10.244.1.0/33", f.Message);
    }

    [Theory]
    [InlineData("warning", "dump.yaml", null, Severity.Warning, "input-warning", "dump.yaml", "document 2")]
    [InlineData("error", null, null, Severity.Error, "input-error", "input", "document 2")]
    [InlineData("warning", "a.yaml", "Pod dev/x", Severity.Warning, "input-warning", "Pod dev/x", "a.yaml, document 2")]
    public void ToFinding_SubjectFallsBackToFileThenInput(string severity, string? file, string? obj, Severity expected, string code, string subject, string location)
    {
        var f = new SourceDiagnostic(severity, "m", file, 2, Object: obj).ToFinding();

        Assert.Equal((expected, code, subject, location), (f.Severity, f.Code, f.Subject, f.Location!.ToString()));
    }
}

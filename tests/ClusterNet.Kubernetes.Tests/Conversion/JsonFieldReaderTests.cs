using System.Text.Json;
using ClusterNet.Core.Model;
using ClusterNet.Kubernetes.Conversion;

namespace ClusterNet.Kubernetes.Tests.Conversion;

public sealed class JsonFieldReaderTests
{
    private static (JsonFieldReader Reader, List<SourceDiagnostic> Diagnostics, JsonElement Spec) Read(string specJson)
    {
        var diagnostics = new List<SourceDiagnostic>();
        return (new JsonFieldReader(diagnostics, "Thing dev/x"), diagnostics, JsonDocument.Parse(specJson).RootElement);
    }

    [Theory]
    [InlineData("""{"f": "a"}""", "a")]
    [InlineData("""{"f": 6}""", "6")]
    [InlineData("""{"f": true}""", "true")]
    [InlineData("""{"f": null}""", null)]
    [InlineData("""{}""", null)]
    public void String_Scalar_ReadAsWrittenWithoutDiagnostic(string json, string? expected)
    {
        var (r, diagnostics, spec) = Read(json);
        Assert.Equal(expected, r.String(spec, "f", "spec.f"));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void StringOrNumber_Boolean_ReportedNamingObjectAndField()
    {
        var (r, diagnostics, spec) = Read("""{"f": true}""");
        Assert.Null(r.StringOrNumber(spec, "f", "spec.f"));
        var d = Assert.Single(diagnostics);
        Assert.Equal((SourceDiagnostic.Warning, "expected a string, found true; ignored", "Thing dev/x", "spec.f"), (d.Severity, d.Message, d.Object, d.Field));
    }

    [Theory]
    [InlineData("""{"f": "x"}""", "Int", "expected an integer, found \"x\"; ignored")]
    [InlineData("""{"f": {}}""", "Bool", "expected true or false, found an object; ignored")]
    [InlineData("""{"f": []}""", "Number", "expected a number, found a list; ignored")]
    [InlineData("""{"f": 1}""", "Object", "expected an object, found 1; ignored")]
    [InlineData("""{"f": "x"}""", "StringMap", "expected a map of strings, found \"x\"; ignored")]
    public void Reader_WrongType_AbsentAndOneWarning(string json, string reader, string message)
    {
        var (r, diagnostics, spec) = Read(json);
        object? value = reader switch
        {
            "Int" => r.Int(spec, "f", "spec.f"),
            "Bool" => r.Bool(spec, "f", "spec.f"),
            "Number" => r.Number(spec, "f", "spec.f"),
            "Object" => r.Object(spec, "f", "spec.f"),
            _ => r.StringMap(spec, "f", "spec.f").Count == 0 ? null : "non-empty",
        };
        Assert.Null(value);
        var d = Assert.Single(diagnostics);
        Assert.Equal((message, "spec.f"), (d.Message, d.Field));
    }

    [Fact]
    public void Strings_MixedItems_KeepsStringsAndReportsEachOtherByIndex()
    {
        var (r, diagnostics, spec) = Read("""{"f": ["a", 1, "b", {}]}""");
        Assert.Equal(["a", "b"], r.Strings(spec, "f", "spec.f").ToArray());
        Assert.Equal(["spec.f[1]", "spec.f[3]"], diagnostics.Select(d => d.Field));
        Assert.Equal("expected a string, found an object; ignored", diagnostics[1].Message);
    }

    [Fact]
    public void Strings_NotAList_EmptyAndReported()
    {
        var (r, diagnostics, spec) = Read("""{"f": "a"}""");
        Assert.Empty(r.Strings(spec, "f", "spec.f"));
        Assert.Equal("expected a list, found \"a\"; ignored", Assert.Single(diagnostics).Message);
    }
}

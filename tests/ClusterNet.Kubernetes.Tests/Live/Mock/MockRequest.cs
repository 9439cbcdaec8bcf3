using System.Collections.Specialized;
using System.Web;

namespace ClusterNet.Kubernetes.Tests.Live.Mock;

/// <summary>A GET the mock API server received: path and decoded query.</summary>
public sealed record MockRequest(string Method, string Path, NameValueCollection Query, string RawTarget)
{
    public static MockRequest Parse(string method, string target)
    {
        var q = target.IndexOf('?');
        var path = q < 0 ? target : target[..q];
        var query = HttpUtility.ParseQueryString(q < 0 ? "" : target[(q + 1)..]);
        return new MockRequest(method, path, query, target);
    }

    public bool IsWatch => Query["watch"] is "1" or "true";

    public string? ResourceVersion => Query["resourceVersion"];

    public override string ToString() => $"{Method} {RawTarget}";
}

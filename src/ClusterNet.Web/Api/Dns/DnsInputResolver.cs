using ClusterNet.Core.Dns;
using ClusterNet.Core.Model;

namespace ClusterNet.Web.Api.Dns;

/// <summary>Turns a request body into an expansion request; bad input throws <see cref="FormatException"/> with a message.</summary>
public static class DnsInputResolver
{
    public static ExpansionRequest Resolve(DnsExpandRequestDto body, ClusterSnapshot snapshot, DnsClusterSettings settings)
    {
        if (string.IsNullOrWhiteSpace(body.Name))
        {
            throw new FormatException("name is required");
        }

        ResolvConf conf;
        if (!string.IsNullOrWhiteSpace(body.ResolvConf))
        {
            conf = ResolvConfParser.Parse(body.ResolvConf, "resolvConf");
        }
        else if (!string.IsNullOrWhiteSpace(body.Pod))
        {
            var key = ObjectKey.Parse(body.Pod);
            var pod = snapshot.Pods.Get(key) ?? throw new FormatException($"pod '{body.Pod}' is not in the snapshot");
            conf = EffectiveResolvConfBuilder.Build(pod, ClusterDnsDetector.Detect(snapshot), settings).Conf;
        }
        else
        {
            throw new FormatException("give either pod (ns/name) or resolvConf (the file's text)");
        }

        LibcProfile libc;
        try
        {
            libc = LibcProfile.Parse(body.Libc, body.LibcVersion);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message);
        }

        var family = body.Family switch
        {
            "unspec" or "" => LookupFamily.Unspec,
            "inet" => LookupFamily.Inet,
            "inet6" => LookupFamily.Inet6,
            _ => throw new FormatException($"family must be unspec, inet or inet6, got '{body.Family}'"),
        };
        var answers = body.Answers is { ValueKind: not System.Text.Json.JsonValueKind.Null and not System.Text.Json.JsonValueKind.Undefined } json
            ? DnsAnswers.Parse(json.GetRawText(), "answers")
            : null;
        return new ExpansionRequest { ResolvConf = conf, Libc = libc, Name = body.Name, Family = family, Answers = answers };
    }
}

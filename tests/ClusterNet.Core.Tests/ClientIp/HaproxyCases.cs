namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>Requests whose answer depends on a detail of HAProxy's header handling; each runs through the real haproxy and the decoder.</summary>
public static class HaproxyCases
{
    public static readonly HaproxyCase[] All =
    [
        new("no header: src is the peer, forwardfor adds it", "127.0.0.5", []),
        new("one address from a trusted peer", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7"]),
        new("last of a list", "127.0.0.5", ["X-Forwarded-For: 203.0.113.1, 198.51.100.7"]),
        new("last across two lines", "127.0.0.5", ["X-Forwarded-For: 203.0.113.1", "X-Forwarded-For: 198.51.100.8, 198.51.100.9"]),
        new("first occurrence", "127.0.0.5", ["X-Forwarded-For: 203.0.113.1, 198.51.100.7"], Occurrence: 1),
        new("second from the last", "127.0.0.5", ["X-Forwarded-For: 203.0.113.1, 198.51.100.7, 10.0.0.1"], Occurrence: -2),
        new("occurrence beyond the list", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7"], Occurrence: -3),
        new("peer not trusted: header ignored", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7"], SetSrc: "127.0.0.9/32"),
        new("no condition: anyone's header believed", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7"], SetSrc: ""),
        new("garbage last value: fetch fails", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7, unknown"]),
        new("IPv4 with port", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7:8443"]),
        new("IPv6 value", "127.0.0.5", ["X-Forwarded-For: 2001:db8::7"]),
        new("tabs and spaces around values", "127.0.0.5", ["X-Forwarded-For: \t198.51.100.7 ,\t 198.51.100.8\t"]),
        new("empty last value", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7,"]),
        new("octet above 255", "127.0.0.5", ["X-Forwarded-For: 198.51.100.300"]),
        new("no set-src: header kept, peer appended", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7"], SetSrc: null),
        new("forwardfor if-none with a header", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7"], SetSrc: null, IfNone: true),
        new("forwardfor if-none without a header", "127.0.0.5", [], SetSrc: null, IfNone: true),
        new("forwardfor except the new src", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7"], Except: "198.51.100.0/24"),
        new("text after a dotted quad", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7abc"]),
        new("colon and text after a dotted quad", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7:abc"]),
        new("colon and a too large port", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7:99999"]),
        new("port zero", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7:0"]),
        new("colon without port", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7:"]),
        new("space inside", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7 8"]),
        new("leading zeros", "127.0.0.5", ["X-Forwarded-For: 010.001.002.003"]),
        new("bracketed IPv6 with port", "127.0.0.5", ["X-Forwarded-For: [2001:db8::7]:443"]),
        new("five parts", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7.9"]),
        new("empty value in the middle, first occurrence", "127.0.0.5", ["X-Forwarded-For: , 198.51.100.7"], Occurrence: 1),
        new("no forwardfor", "127.0.0.5", ["X-Forwarded-For: 198.51.100.7"], ForwardFor: false),
    ];

    public static TheoryData<HaproxyCase> Theory()
    {
        var data = new TheoryData<HaproxyCase>();
        foreach (var c in All)
        {
            data.Add(c);
        }

        return data;
    }
}

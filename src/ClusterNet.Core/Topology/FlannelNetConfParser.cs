using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace ClusterNet.Core.Topology;

/// <summary>
/// Parses net-conf.json the way flanneld does (Go encoding/json: no comments, no trailing commas, field names matched
/// case-insensitively, unknown fields ignored) and applies flannel's defaults and range checks. Never throws.
/// </summary>
public static class FlannelNetConfParser
{
    public const int DefaultVxlanPort = 8472;
    public const int DefaultUdpPort = 8285;

    private static readonly string[] KnownBackends =
        ["vxlan", "host-gw", "udp", "ipip", "wireguard", "extension", "alloc", "ipsec", "aws-vpc", "gce", "ali-vpc", "tencent-vpc"];

    public static FlannelNetConfResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(new ConfigError("net-conf.json is empty"));
        }

        var syntax = SyntaxErrors(text);
        if (syntax.Count > 0)
        {
            return new FlannelNetConfResult(null, [.. syntax]);
        }

        using var doc = JsonDocument.Parse(text);
        var positions = new JsonPositions(text);
        var errors = new List<ConfigError>();
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail(new ConfigError($"expected a JSON object, got {Describe(root.ValueKind)}", 1, 1));
        }

        ConfigError Err(string field, string message) =>
            positions.TryGet(field, out var l, out var c) ? new ConfigError(message, l, c, field) : new ConfigError(message, Field: field);

        var defaulted = new List<string>();
        Ipv4Cidr network = default;
        var networkOk = false;
        if (!TryGetProperty(root, "Network", out var networkEl))
        {
            errors.Add(new ConfigError("Network is required (the pod network CIDR, e.g. \"10.244.0.0/16\")", Field: "Network"));
        }
        else if (networkEl.ValueKind != JsonValueKind.String || !Ipv4Cidr.TryParse(networkEl.GetString(), out network))
        {
            errors.Add(Err("Network", $"must be an IPv4 CIDR like \"10.244.0.0/16\", got {networkEl.GetRawText()}"));
        }
        else if (network.PrefixLength > 28)
        {
            errors.Add(Err("Network", $"{network} is too small: flannel needs at least a /28"));
        }
        else
        {
            network = network.Normalized;
            networkOk = true;
        }

        var subnetLen = 0;
        if (TryGetProperty(root, "SubnetLen", out var lenEl))
        {
            if (lenEl.ValueKind != JsonValueKind.Number || !lenEl.TryGetInt32(out subnetLen))
            {
                errors.Add(Err("SubnetLen", $"must be a whole number, got {lenEl.GetRawText()}"));
                subnetLen = -1;
            }
            else if (subnetLen > 30)
            {
                errors.Add(Err("SubnetLen", $"{subnetLen} is too long: flannel requires SubnetLen ≤ 30"));
            }
            else if (networkOk && subnetLen < network.PrefixLength)
            {
                errors.Add(Err("SubnetLen", $"/{subnetLen} is shorter than the Network's /{network.PrefixLength}: no subnet fits"));
            }
        }

        if (subnetLen == 0 && networkOk)
        {
            // flannel: give each host a /24 unless the whole network is /24 or smaller, then halve it.
            subnetLen = network.PrefixLength < 24 ? 24 : network.PrefixLength + 1;
            defaulted.Add("SubnetLen");
        }

        var subnetMin = ReadAddress(root, "SubnetMin", errors, Err);
        var subnetMax = ReadAddress(root, "SubnetMax", errors, Err);
        if (networkOk && subnetLen is > 0 and <= 30 && subnetLen >= network.PrefixLength)
        {
            var size = 1u << (32 - subnetLen);
            var subnetMask = uint.MaxValue << (32 - subnetLen);
            if (subnetMin is null)
            {
                subnetMin = network.Network + size;
                defaulted.Add("SubnetMin");
            }
            else if (!network.Contains(subnetMin.Value))
            {
                errors.Add(Err("SubnetMin", $"{Ipv4Cidr.FormatAddress(subnetMin.Value)} is not inside Network {network}"));
            }
            else if ((subnetMin.Value & ~subnetMask) != 0)
            {
                errors.Add(Err("SubnetMin", $"{Ipv4Cidr.FormatAddress(subnetMin.Value)} is not on a /{subnetLen} boundary"));
            }

            if (subnetMax is null)
            {
                subnetMax = network.Broadcast + 1 - size;
                defaulted.Add("SubnetMax");
            }
            else if (!network.Contains(subnetMax.Value))
            {
                errors.Add(Err("SubnetMax", $"{Ipv4Cidr.FormatAddress(subnetMax.Value)} is not inside Network {network}"));
            }
            else if ((subnetMax.Value & ~subnetMask) != 0)
            {
                errors.Add(Err("SubnetMax", $"{Ipv4Cidr.FormatAddress(subnetMax.Value)} is not on a /{subnetLen} boundary"));
            }
        }

        var backendType = "udp";
        bool directRouting = false, gbp = false;
        int vni = 1, port = 0;
        if (!TryGetProperty(root, "Backend", out var backend))
        {
            defaulted.Add("Backend");
        }
        else if (backend.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Err("Backend", $"must be an object like {{\"Type\":\"vxlan\"}}, got {backend.GetRawText()}"));
        }
        else
        {
            if (!TryGetProperty(backend, "Type", out var typeEl))
            {
                defaulted.Add("Backend.Type");
            }
            else if (typeEl.ValueKind != JsonValueKind.String)
            {
                errors.Add(Err("Backend.Type", $"must be a string, got {typeEl.GetRawText()}"));
            }
            else
            {
                backendType = typeEl.GetString() ?? "";
                if (backendType.Length == 0)
                {
                    backendType = "udp";
                    defaulted.Add("Backend.Type");
                }
                else if (!KnownBackends.Contains(backendType, StringComparer.Ordinal))
                {
                    errors.Add(Err("Backend.Type", $"unknown backend '{backendType}' (known: {string.Join(", ", KnownBackends)})"));
                }
            }

            directRouting = ReadBool(backend, "DirectRouting", "Backend.DirectRouting", errors, Err, defaulted);
            gbp = ReadBool(backend, "GBP", "Backend.GBP", errors, Err, defaulted);
            vni = ReadInt(backend, "VNI", "Backend.VNI", 1, errors, Err, defaulted);
            port = ReadInt(backend, "Port", "Backend.Port", 0, errors, Err, defaulted);
            if (vni is < 0 or > 16777215)
            {
                errors.Add(Err("Backend.VNI", $"{vni} is outside the 24-bit VNI range 0–16777215"));
            }

            if (port is < 0 or > 65535)
            {
                errors.Add(Err("Backend.Port", $"{port} is not a UDP port"));
            }
        }

        if (port == 0)
        {
            port = backendType == "udp" ? DefaultUdpPort : DefaultVxlanPort;
        }

        if (errors.Count > 0 || !networkOk || subnetMin is null || subnetMax is null)
        {
            return new FlannelNetConfResult(null, [.. errors]);
        }

        return new FlannelNetConfResult(
            new FlannelNetConf
            {
                Network = network,
                SubnetLen = subnetLen,
                SubnetMin = subnetMin.Value,
                SubnetMax = subnetMax.Value,
                BackendType = backendType,
                DirectRouting = directRouting,
                Gbp = gbp,
                Vni = vni,
                Port = port,
                Defaulted = [.. defaulted],
            },
            []);
    }

    /// <summary>
    /// The strict parse flannel would do; when comments are what broke it, a second, comment-tolerant pass finds the
    /// next error too (the user's sample has both comments and a missing comma, and fixing one should not reveal the other).
    /// </summary>
    private static List<ConfigError> SyntaxErrors(string text)
    {
        var errors = new List<ConfigError>();
        var first = TryParse(text, JsonCommentHandling.Disallow);
        if (first is null)
        {
            return errors;
        }

        errors.Add(first);
        if (first.Message.StartsWith("comments", StringComparison.Ordinal))
        {
            var second = TryParse(text, JsonCommentHandling.Skip);
            if (second is not null)
            {
                errors.Add(second);
            }
        }

        return errors;
    }

    private static ConfigError? TryParse(string text, JsonCommentHandling comments)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = comments, AllowTrailingCommas = false });
            return null;
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0);
            var bytePos = (int)(ex.BytePositionInLine ?? 0);
            var lineText = text.Split('\n').ElementAtOrDefault(line) ?? "";
            var column = CharColumn(lineText, bytePos);
            var at = column < lineText.Length ? lineText[column] : '\0';
            var next = column + 1 < lineText.Length ? lineText[column + 1] : '\0';
            string message;
            if (at == '/' && next is '/' or '*')
            {
                message = "comments are not allowed: flanneld reads net-conf.json with Go's encoding/json, which rejects them";
            }
            else if (ex.Message.Contains("Expected either ','", StringComparison.Ordinal) || ex.Message.Contains("after a value", StringComparison.Ordinal))
            {
                message = $"missing ',' before {Quote(at)} (expected ',' or '}}' after the previous value)";
            }
            else if (ex.Message.Contains("trailing comma", StringComparison.OrdinalIgnoreCase) || (at is '}' or ']'))
            {
                message = $"unexpected {Quote(at)}: a trailing comma or a missing value";
            }
            else
            {
                message = CleanMessage(ex.Message);
            }

            return new ConfigError(message, line + 1, column + 1);
        }
    }

    private static string Quote(char c) => c == '\0' ? "end of line" : $"'{c}'";

    private static string CleanMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        }

        return (cut > 0 ? message[..cut] : message).Trim().TrimEnd('.');
    }

    /// <summary>System.Text.Json counts UTF-8 bytes; people count characters (the notes have Chinese comments).</summary>
    internal static int CharColumn(string lineText, int bytePosition)
    {
        var bytes = 0;
        for (var i = 0; i < lineText.Length; i++)
        {
            if (bytes >= bytePosition)
            {
                return i;
            }

            bytes += char.IsSurrogate(lineText[i]) ? 2 : Encoding.UTF8.GetByteCount(lineText.AsSpan(i, 1));
        }

        return lineText.Length;
    }

    /// <summary>Go's encoding/json: an exact name match wins, otherwise the first case-insensitive one.</summary>
    private static bool TryGetProperty(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        }

        return false;
    }

    private static uint? ReadAddress(JsonElement root, string field, List<ConfigError> errors, Func<string, string, ConfigError> err)
    {
        if (!TryGetProperty(root, field, out var el))
        {
            return null;
        }

        var s = el.ValueKind == JsonValueKind.String ? el.GetString() : null;
        if (s is not null && Ipv4Cidr.TryParseAddress(s, out var ip))
        {
            return ip;
        }

        var hint = s is not null && s.Contains('/') ? $" (an address, not a CIDR: \"{s[..s.IndexOf('/')]}\")" : "";
        errors.Add(err(field, $"must be an IPv4 address like \"10.244.10.0\"{hint}, got {el.GetRawText()}"));
        return null;
    }

    private static bool ReadBool(JsonElement obj, string name, string field, List<ConfigError> errors, Func<string, string, ConfigError> err, List<string> defaulted)
    {
        if (!TryGetProperty(obj, name, out var el))
        {
            defaulted.Add(field);
            return false;
        }

        if (el.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return el.GetBoolean();
        }

        errors.Add(err(field, $"must be true or false, got {el.GetRawText()}"));
        return false;
    }

    private static int ReadInt(JsonElement obj, string name, string field, int @default, List<ConfigError> errors, Func<string, string, ConfigError> err, List<string> defaulted)
    {
        if (!TryGetProperty(obj, name, out var el))
        {
            defaulted.Add(field);
            return @default;
        }

        if (el.ValueKind == JsonValueKind.Number && el.TryGetInt32(out var v))
        {
            return v;
        }

        errors.Add(err(field, $"must be a whole number, got {el.GetRawText()}"));
        return @default;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static FlannelNetConfResult Fail(ConfigError error) => new(null, ImmutableArray.Create(error));
}

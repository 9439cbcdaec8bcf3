using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Security;

/// <summary>Holds the hash of the access token and compares candidates in constant time.</summary>
public sealed class TokenStore
{
    private readonly byte[]? _hash;

    public TokenStore(IOptions<AuthOptions> options)
    {
        if (options.Value.Mode == AuthMode.Token && options.Value.TokenFile is { } file && File.Exists(file))
        {
            _hash = SHA256.HashData(Encoding.UTF8.GetBytes(File.ReadAllText(file).Trim()));
        }
    }

    /// <summary>Comparing fixed-length hashes keeps both the content and the length of the token out of timing.</summary>
    public bool Matches(string? candidate)
    {
        if (_hash is null || string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(candidate.Trim()));
        return CryptographicOperations.FixedTimeEquals(hash, _hash);
    }
}

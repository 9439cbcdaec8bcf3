using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Security;

/// <summary>
/// Holds the hash of the access token and compares candidates in constant time. The file is read again when its
/// content changes (checked at most every <see cref="ReloadInterval"/>), so rotating the Secret revokes the old token
/// without a restart; the kubelet swaps a symlink rather than writing the file, so its content is compared, not a
/// file-system event or modification time.
/// </summary>
public sealed class TokenStore
{
    public static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(2);

    private readonly string? _file;
    private readonly TimeProvider _time;
    private readonly ILogger<TokenStore>? _logger;
    private readonly Lock _gate = new();
    private byte[]? _hash;
    private string _fingerprint = "";
    private long _checkedAt;

    public TokenStore(IOptions<AuthOptions> options, TimeProvider? time = null, ILogger<TokenStore>? logger = null)
    {
        _time = time ?? TimeProvider.System;
        _logger = logger;
        if (options.Value.Mode == AuthMode.Token && options.Value.TokenFile is { } file)
        {
            _file = file;
            Load();
        }
    }

    /// <summary>
    /// Names the token in force without revealing it (a hash of its hash); cookie sessions remember it, so sessions
    /// signed in with a rotated-out token end too.
    /// </summary>
    public string Fingerprint
    {
        get
        {
            ReloadIfDue();
            return Volatile.Read(ref _fingerprint);
        }
    }

    /// <summary>Comparing fixed-length hashes keeps both the content and the length of the token out of timing.</summary>
    public bool Matches(string? candidate)
    {
        ReloadIfDue();
        var current = Volatile.Read(ref _hash);
        if (current is null || string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(candidate.Trim()));
        return CryptographicOperations.FixedTimeEquals(hash, current);
    }

    private void ReloadIfDue()
    {
        if (_file is null)
        {
            return;
        }

        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(Interlocked.Read(ref _checkedAt), now) < ReloadInterval)
        {
            return;
        }

        lock (_gate)
        {
            if (_time.GetElapsedTime(_checkedAt, now) >= ReloadInterval)
            {
                Load();
            }
        }
    }

    private void Load()
    {
        Interlocked.Exchange(ref _checkedAt, _time.GetTimestamp());
        string text;
        try
        {
            text = File.ReadAllText(_file!).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Mid-rotation the file can be briefly missing; keep the token in force rather than lock everyone out.
            _logger?.LogWarning("Auth:TokenFile '{File}' could not be read ({Error}); keeping the token in force", _file, e.Message);
            return;
        }

        if (text.Length < 16)
        {
            // Start-up validation refuses such a token; at run time a half-written file must not become the token.
            if (_hash is not null)
            {
                _logger?.LogWarning("Auth:TokenFile '{File}' now holds fewer than 16 characters; keeping the token in force", _file);
            }

            return;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        if (_hash is not null && CryptographicOperations.FixedTimeEquals(hash, _hash))
        {
            return;
        }

        if (_hash is not null)
        {
            _logger?.LogWarning("Auth:TokenFile '{File}' changed: the new token is in force and sessions signed in with the old one end", _file);
        }

        Volatile.Write(ref _fingerprint, Convert.ToHexStringLower(SHA256.HashData(hash))[..16]);
        Volatile.Write(ref _hash, hash);
    }
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace ClusterNet.Web.Security;

/// <summary>
/// Keeps sign-in sessions on the server; the cookie holds only a random key. Signing out removes the session, so a
/// copied cookie is worthless afterwards (a self-contained cookie would stay valid until it expires). Sessions live in
/// memory: one replica, and a restart signing everyone out is acceptable for a troubleshooting tool.
/// </summary>
public sealed class SessionTicketStore(TimeProvider time) : ITicketStore, IDisposable
{
    // Our own cache: a shared one could be given a size limit and compacted, signing people out at random.
    private readonly MemoryCache cache = new(new MemoryCacheOptions());

    private const string Prefix = "clusternet-session:";

    /// <summary>Used when a ticket names no expiry (the cookie handler always sets one).</summary>
    private static readonly TimeSpan Fallback = TimeSpan.FromHours(8);

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Put(key, ticket);
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        // Sliding expiration renews a session; a removed one (signed out) must not come back through a late renewal.
        if (cache.TryGetValue(Prefix + key, out _))
        {
            Put(key, ticket);
        }

        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        Task.FromResult(cache.TryGetValue(Prefix + key, out AuthenticationTicket? ticket) ? ticket : null);

    public Task RemoveAsync(string key)
    {
        cache.Remove(Prefix + key);
        return Task.CompletedTask;
    }

    private void Put(string key, AuthenticationTicket ticket)
    {
        var expires = ticket.Properties.ExpiresUtc ?? time.GetUtcNow() + Fallback;
        cache.Set(Prefix + key, ticket, new MemoryCacheEntryOptions { AbsoluteExpiration = expires });
    }

    /// <summary>Sessions held (tests).</summary>
    public int Count => cache.Count;

    public void Dispose() => cache.Dispose();

    /// <summary>Registers the store as the sign-in cookie's session store.</summary>
    public static void Configure(IServiceCollection services)
    {
        services.AddSingleton<SessionTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<SessionTicketStore>((o, store) => o.SessionStore = store);
    }
}

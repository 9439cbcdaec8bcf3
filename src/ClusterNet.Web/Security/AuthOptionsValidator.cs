using ClusterNet.Web.Configuration;
using ClusterNet.Web.Security.Scoping;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Security;

/// <summary>Start-up validation: a misconfigured login is a refusal to start, never an open dashboard.</summary>
public sealed class AuthOptionsValidator(IConfiguration configuration, InClusterEnvironment? inCluster = null) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        switch (options.Mode)
        {
            case AuthMode.None:
                var open = ListenAddressCheck.NonLoopback(ConfiguredUrls(configuration));
                if (open.Count > 0)
                {
                    failures.Add($"Auth:Mode=None is only allowed when the dashboard listens on loopback, but it is configured to listen on {string.Join(", ", open)}. " +
                                 "Set Auth:Mode=Token (with Auth:TokenFile) or Oidc, or listen on 127.0.0.1.");
                }

                break;
            case AuthMode.Token:
                if (string.IsNullOrWhiteSpace(options.TokenFile))
                {
                    failures.Add("Auth:Mode=Token needs Auth:TokenFile, a file holding the access token.");
                }
                else if (!File.Exists(options.TokenFile))
                {
                    failures.Add($"Auth:TokenFile '{options.TokenFile}' does not exist.");
                }
                else if (File.ReadAllText(options.TokenFile).Trim().Length < 16)
                {
                    failures.Add($"Auth:TokenFile '{options.TokenFile}' holds a token shorter than 16 characters; use e.g. `openssl rand -hex 32`.");
                }

                break;
            case AuthMode.Oidc:
                if (string.IsNullOrWhiteSpace(options.Oidc.Authority) || !Uri.TryCreate(options.Oidc.Authority, UriKind.Absolute, out _))
                {
                    failures.Add("Auth:Mode=Oidc needs Auth:Oidc:Authority, an absolute URL of the identity provider.");
                }

                if (string.IsNullOrWhiteSpace(options.Oidc.ClientId))
                {
                    failures.Add("Auth:Mode=Oidc needs Auth:Oidc:ClientId.");
                }

                break;
        }

        if (options.ScopeByRbac)
        {
            ValidateScopeByRbac(options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateScopeByRbac(AuthOptions options, List<string> failures)
    {
        if (options.Mode == AuthMode.None)
        {
            failures.Add("Auth:ScopeByRbac=true needs signed-in users to ask the API server about; with Auth:Mode=None nobody signs in. " +
                         "Set Auth:Mode=Oidc (or Token with Auth:TokenUser), or turn Auth:ScopeByRbac off.");
        }

        if (options.Mode == AuthMode.Token && string.IsNullOrWhiteSpace(options.TokenUser))
        {
            failures.Add("Auth:ScopeByRbac=true with Auth:Mode=Token needs Auth:TokenUser, the user name the API server is asked about for the token holder.");
        }

        if (options.Mode == AuthMode.Oidc && (string.IsNullOrEmpty(options.Oidc.UserPrefix) || string.IsNullOrEmpty(options.Oidc.GroupsPrefix)))
        {
            // Unprefixed, a provider-side name such as "admin" or a group such as "cluster-admins" is reviewed as the
            // cluster's own user or group of that name, which the person signing in may not be.
            failures.Add("Auth:ScopeByRbac=true with Auth:Mode=Oidc needs Auth:Oidc:UserPrefix and Auth:Oidc:GroupsPrefix, set like the API server's " +
                         "--oidc-username-prefix and --oidc-groups-prefix (e.g. \"oidc:\"); use \"-\" for no prefix, as the API server does.");
        }

        if (options.Mode == AuthMode.Token && (AccessIdentity.IsReserved(options.TokenUser ?? "") || options.TokenGroups.Any(AccessIdentity.IsReserved)))
        {
            failures.Add($"Auth:TokenUser and Auth:TokenGroups must not start with \"{AccessIdentity.ReservedPrefix}\": those names belong to the API server's own components, and the dashboard never asks about them.");
        }

        if (options.RbacCacheDuration < TimeSpan.Zero || options.RbacCacheDuration > TimeSpan.FromHours(1))
        {
            failures.Add($"Auth:RbacCacheDuration must be between 00:00:00 and 01:00:00, got {options.RbacCacheDuration}.");
        }

        // The source decides whether there is an API server to ask; an invalid Cluster:Source is reported by its own validator.
        var configured = configuration[$"{ClusterOptions.SectionName}:Source"];
        string? type = null;
        if (string.IsNullOrWhiteSpace(configured))
        {
            type = (inCluster ?? InClusterEnvironment.System).IsAvailable ? ClusterSourceType.InCluster : ClusterSourceType.Demo;
        }
        else if (ClusterSourceSpec.TryParse(configured, out var spec, out _))
        {
            type = spec!.Type;
        }

        if (type is ClusterSourceType.Demo or ClusterSourceType.File)
        {
            failures.Add($"Auth:ScopeByRbac=true needs a live cluster source (Cluster:Source=kubeconfig or incluster) to ask the API server who may see which namespaces; " +
                         $"the {type} source has no API server. Use a live source or turn Auth:ScopeByRbac off.");
        }
    }

    /// <summary>Every place ASP.NET takes listening URLs from, with our default when none is set.</summary>
    public static IReadOnlyList<string> ConfiguredUrls(IConfiguration configuration)
    {
        var urls = new List<string>();
        urls.AddRange(ListenAddressCheck.SplitUrls(configuration["urls"]));
        urls.AddRange(ListenAddressCheck.SplitUrls(configuration["ASPNETCORE_URLS"]));
        urls.AddRange(ListenAddressCheck.SplitUrls(configuration["http_ports"]).Select(p => $"http://*:{p}"));
        urls.AddRange(ListenAddressCheck.SplitUrls(configuration["https_ports"]).Select(p => $"https://*:{p}"));
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { } url)
            {
                urls.Add(url);
            }
        }

        return urls;
    }
}

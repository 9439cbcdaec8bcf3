using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Security;

/// <summary>Start-up validation: a misconfigured login is a refusal to start, never an open dashboard.</summary>
public sealed class AuthOptionsValidator(IConfiguration configuration) : IValidateOptions<AuthOptions>
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
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

using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Security;

/// <summary>
/// Wires ForwardedHeadersMiddleware from <see cref="ProxyTrustOptions"/>. ASP.NET's own defaults trust only loopback;
/// here an operator names the ingress/LB hops explicitly, and a bad address stops the start with the field named.
/// </summary>
public static class ProxyTrustSetup
{
    public static WebApplicationBuilder AddClusterNetProxyTrust(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyTrustOptions>().Bind(builder.Configuration.GetSection(ProxyTrustOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ProxyTrustOptions>, ProxyTrustValidator>();
        builder.Services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ConfigureForwardedHeaders>();
        return builder;
    }

    /// <summary>Always in the pipeline: with ForwardedHeaders disabled the options name no header and it does nothing.</summary>
    public static IApplicationBuilder UseClusterNetProxyTrust(this WebApplication app) => app.UseForwardedHeaders();

    private sealed class ConfigureForwardedHeaders(IOptions<ProxyTrustOptions> trust) : IConfigureOptions<ForwardedHeadersOptions>
    {
        public void Configure(ForwardedHeadersOptions options)
        {
            var t = trust.Value;
            if (!t.Enabled)
            {
                options.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = t.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in t.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in t.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        }
    }

    private sealed class ProxyTrustValidator : IValidateOptions<ProxyTrustOptions>
    {
        public ValidateOptionsResult Validate(string? name, ProxyTrustOptions options)
        {
            var failures = new List<string>();
            for (var i = 0; i < options.KnownProxies.Count; i++)
            {
                if (!IPAddress.TryParse(options.KnownProxies[i], out _))
                {
                    failures.Add($"ForwardedHeaders:KnownProxies:{i} '{options.KnownProxies[i]}' is not an IP address.");
                }
            }

            for (var i = 0; i < options.KnownNetworks.Count; i++)
            {
                if (!System.Net.IPNetwork.TryParse(options.KnownNetworks[i], out _))
                {
                    failures.Add($"ForwardedHeaders:KnownNetworks:{i} '{options.KnownNetworks[i]}' is not a CIDR such as 10.244.0.0/16.");
                }
            }

            if (options.ForwardLimit is < 1)
            {
                failures.Add("ForwardedHeaders:ForwardLimit must be 1 or more (omit it for no limit).");
            }

            if (options.Enabled && options.KnownProxies.Count == 0 && options.KnownNetworks.Count == 0)
            {
                failures.Add("ForwardedHeaders:Enabled=true needs ForwardedHeaders:KnownProxies or KnownNetworks: trusting every sender lets any client forge its address.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}

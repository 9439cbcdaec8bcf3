using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClusterNet.Web.Security;

/// <summary>
/// Second line of the loopback rule: after Kestrel binds, check the real addresses (URLs can also come
/// from code or launch settings the validator can't see) and stop if Auth:Mode=None is exposed.
/// </summary>
public sealed class ListenAddressGuard(IServer server, IOptions<AuthOptions> options, IHostApplicationLifetime lifetime, ILogger<ListenAddressGuard> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            if (options.Value.Mode != AuthMode.None)
            {
                return;
            }

            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var open = ListenAddressCheck.NonLoopback(addresses);
            if (open.Count > 0)
            {
                logger.LogCritical("Refusing to serve: Auth:Mode=None while listening on {Addresses}. Set Auth:Mode=Token or Oidc, or listen on 127.0.0.1.", string.Join(", ", open));
                Environment.ExitCode = 3;
                lifetime.StopApplication();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

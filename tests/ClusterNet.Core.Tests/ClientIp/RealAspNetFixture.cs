using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ClusterNet.Core.ClientIp.Decoding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClusterNet.Core.Tests.ClientIp;

/// <summary>
/// Kestrel on 127.0.0.1 and [::1] running the real ForwardedHeadersMiddleware. Each request names its case in
/// the path; the middleware is built with that case's options (trusted list split into KnownProxies and
/// KnownIPNetworks, defaults cleared), and the response reports RemoteIpAddress and what is left of the header.
/// </summary>
public sealed class RealAspNetFixture : IAsyncLifetime
{
    private WebApplication? _app;
    private IPEndPoint? _v4;
    private IPEndPoint? _v6;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.IPv6Loopback, 0);
        });
        _app = builder.Build();
        _app.Run(HandleAsync);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        foreach (var a in addresses)
        {
            var uri = new Uri(a);
            var ep = new IPEndPoint(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port);
            if (ep.AddressFamily == AddressFamily.InterNetworkV6)
            {
                _v6 = ep;
            }
            else
            {
                _v4 = ep;
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public sealed record Reply(string RemoteIp, string[] RemainingXff);

    public async Task<Reply> ApplyAsync(DecodeCase c)
    {
        var source = IPAddress.Parse(c.Remote);
        var server = source.AddressFamily == AddressFamily.InterNetworkV6 ? _v6! : _v4!;
        var index = Array.IndexOf(DecodeCases.All, c);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (status, body) = await RawHttp.GetAsync(server, source, $"/case/{index}", c.Headers, cts.Token);
        Assert.True(status == 200, $"Kestrel answered {status} for '{c.Name}': {body}");
        return JsonSerializer.Deserialize<Reply>(body, JsonSerializerOptions.Web)!;
    }

    /// <summary>Options the way an app would write them for this case.</summary>
    public static ForwardedHeadersOptions OptionsFor(DecodeCase c)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor,
            ForwardedForHeaderName = c.HeaderName,
            ForwardLimit = c.ForwardLimit,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var t in c.Trusted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (t.Contains('/'))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(t));
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(t));
            }
        }

        return options;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var index = int.Parse(context.Request.Path.Value!["/case/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var c = DecodeCases.All[index];
        var middleware = new ForwardedHeadersMiddleware(_ => Task.CompletedTask, NullLoggerFactory.Instance, Options.Create(OptionsFor(c)));
        middleware.ApplyForwarders(context);
        var reply = new Reply(context.Connection.RemoteIpAddress!.ToString(), context.Request.Headers.GetCommaSeparatedValues(c.HeaderName));
        await context.Response.WriteAsJsonAsync(reply);
    }
}

using System.Collections.Immutable;
using ClusterNet.Core.Model;

namespace ClusterNet.Core.ClientIp.Gateway;

/// <summary>One listener of a resolved Gateway: its client-IP settings and the routes (and backend Services) behind it.</summary>
public sealed record GatewayListenerResolution(GatewayListenerInfo Listener, GatewayClientIpSettings Settings, ImmutableArray<GatewayRouteAttachment> Routes);

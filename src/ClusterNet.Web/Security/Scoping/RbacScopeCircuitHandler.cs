using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ClusterNet.Web.Security.Scoping;

/// <summary>
/// Sets the circuit's user on its <see cref="RbacScopeContext"/> and asks the API server before the first component
/// renders (circuit handlers run before root components are added), so pages never wait on a synchronous read.
/// </summary>
public sealed class RbacScopeCircuitHandler(RbacScopeContext context, AuthenticationStateProvider authentication) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync().ConfigureAwait(false);
        context.SetUser(state.User);
        await context.EnsureAsync(cancellationToken).ConfigureAwait(false);
    }
}

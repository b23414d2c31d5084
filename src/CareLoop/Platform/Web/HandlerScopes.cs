using System.Security.Claims;
using CareLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Components.Authorization;

namespace CareLoop.Platform.Web;

/// <summary>
/// Interactive pages live for the whole circuit; a DbContext must not. Each page action runs its handler in a
/// fresh scope whose tenant is the signed-in user's, exactly like an HTTP request would.
/// </summary>
public sealed class HandlerScopes(IServiceScopeFactory scopes, AuthenticationStateProvider authentication)
{
    public async Task<TResult> RunAsync<THandler, TResult>(Func<THandler, ClaimsPrincipal, Task<TResult>> action)
        where THandler : notnull
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().SetFrom(user);
        return await action(scope.ServiceProvider.GetRequiredService<THandler>(), user);
    }
}

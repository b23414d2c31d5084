using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.Network.Features.ListEngineers;
using CareLoop.Platform.Demo;

namespace CareLoop.Modules.Network;

/// <summary>The service network: engineers' coverage, skills and capacity (stations, shifts and dispatch build on it).</summary>
public static class NetworkModule
{
    public static IServiceCollection AddNetwork(this IServiceCollection services)
    {
        services.AddScoped<ListEngineersHandler>();
        services.AddScoped<INetwork, NetworkDirectory>();
        services.AddScoped<IDemoSeeder, NetworkDemoSeeder>();
        return services;
    }

    public static RouteGroupBuilder MapNetwork(this RouteGroupBuilder api)
    {
        api.MapGroup("/network").WithTags("Network").MapListEngineers();
        return api;
    }
}

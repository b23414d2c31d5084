using CareLoop.Modules.Network.Contracts;
using CareLoop.Modules.Network.Features.CapacityCalendar;
using CareLoop.Modules.Network.Features.ListEngineers;
using CareLoop.Modules.Network.Features.ListProviders;
using CareLoop.Modules.Network.Features.PlanRoutes;
using CareLoop.Modules.Network.Features.SaveEngineer;
using CareLoop.Modules.Network.Features.SaveProvider;
using CareLoop.Modules.Network.Features.SaveStation;
using CareLoop.Platform.Demo;

namespace CareLoop.Modules.Network;

/// <summary>The service network: providers and their contracts, stations, engineers' coverage, skills, calendar and capacity.</summary>
public static class NetworkModule
{
    public static IServiceCollection AddNetwork(this IServiceCollection services)
    {
        services.AddScoped<NetworkChecks>();
        services.AddScoped<ListEngineersHandler>();
        services.AddScoped<SaveEngineerHandler>();
        services.AddScoped<ListProvidersHandler>();
        services.AddScoped<SaveProviderHandler>();
        services.AddScoped<SaveStationHandler>();
        services.AddScoped<CapacityCalendarHandler>();
        services.AddScoped<INetwork, NetworkDirectory>();
        services.AddSingleton<ITravelTimeSource>(new StraightLineTravelTimes());
        services.AddScoped<IDayRoutePlanning, DayRoutePlanning>();
        services.AddScoped<IDemoSeeder, NetworkDemoSeeder>();
        return services;
    }

    public static RouteGroupBuilder MapNetwork(this RouteGroupBuilder api)
    {
        var network = api.MapGroup("/network").WithTags("Network");
        network.MapListEngineers();
        network.MapSaveEngineer();
        network.MapListProviders();
        network.MapSaveProvider();
        network.MapSaveStation();
        network.MapCapacityCalendar();
        return api;
    }
}

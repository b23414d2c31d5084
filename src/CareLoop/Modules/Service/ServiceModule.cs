using CareLoop.Modules.Service.Features.CancelServiceRequest;
using CareLoop.Modules.Service.Features.CreateServiceRequest;
using CareLoop.Modules.Service.Features.FindDuplicates;
using CareLoop.Modules.Service.Features.GetServiceRequest;
using CareLoop.Modules.Service.Features.ListServiceRequests;
using CareLoop.Modules.Service.Features.OpenWorkOrder;
using CareLoop.Modules.Service.Features.ResolveServiceRequest;

namespace CareLoop.Modules.Service;

/// <summary>Service requests (服务请求): a customer's need from any channel, resolved directly or through work orders.</summary>
public static class ServiceModule
{
    public static IServiceCollection AddService(this IServiceCollection services)
    {
        services.AddScoped<CreateServiceRequestHandler>();
        services.AddScoped<FindDuplicatesHandler>();
        services.AddScoped<GetServiceRequestHandler>();
        services.AddScoped<ListServiceRequestsHandler>();
        services.AddScoped<ResolveServiceRequestHandler>();
        services.AddScoped<CancelServiceRequestHandler>();
        services.AddScoped<OpenWorkOrderHandler>();
        services.AddScoped<Contracts.IServiceRequestLinks, ServiceRequestLinks>();
        return services;
    }

    public static RouteGroupBuilder MapService(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/service-requests").WithTags("Service requests");
        requests.MapCreateServiceRequest();
        requests.MapFindDuplicates();
        requests.MapGetServiceRequest();
        requests.MapListServiceRequests();
        requests.MapResolveServiceRequest();
        requests.MapCancelServiceRequest();
        requests.MapOpenWorkOrder();
        return api;
    }
}

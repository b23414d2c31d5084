using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Features.AttachEvidence;
using CareLoop.Modules.WorkOrders.Features.Charges;
using CareLoop.Modules.WorkOrders.Features.CompletionPolicies;
using CareLoop.Modules.WorkOrders.Features.CreateWorkOrder;
using CareLoop.Modules.WorkOrders.Features.EvaluateSla;
using CareLoop.Modules.WorkOrders.Features.GetWorkOrder;
using CareLoop.Modules.WorkOrders.Features.ListWorkOrders;
using CareLoop.Modules.WorkOrders.Features.ServicePrices;
using CareLoop.Modules.WorkOrders.Features.SlaSettings;
using CareLoop.Modules.WorkOrders.Features.SlaUpgrades;
using CareLoop.Modules.WorkOrders.Features.TransitionWorkOrder;
using CareLoop.Platform.SavedViews;
using Quartz;

namespace CareLoop.Modules.WorkOrders;

/// <summary>Work orders: the state machine (PRODUCT.md §3.1), the timeline, and the service history of the customer 360.</summary>
public static class WorkOrdersModule
{
    public static IServiceCollection AddWorkOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CreateWorkOrderHandler>();
        services.AddScoped<GetWorkOrderHandler>();
        services.AddScoped<ListWorkOrdersHandler>();
        services.AddScoped<TransitionWorkOrderHandler>();
        services.AddScoped<IEngineerJobs, Features.EngineerJobs.EngineerJobs>();
        services.AddScoped<IJobFinish, Features.EngineerJobs.JobFinish>();
        services.AddScoped<IEngineerWork, Features.EngineerWork.EngineerWork>();
        services.AddScoped<ServicePricesHandler>();
        services.AddMemoryCache();
        services.AddScoped<SlaSettingsHandler>();
        services.AddScoped<AttachEvidenceHandler>();
        services.AddScoped<SlaEvaluator>();
        services.AddScoped<SlaTracker>();
        services.AddScoped<ChargesHandler>();
        services.AddScoped<SlaUpgradesHandler>();
        services.AddScoped<CompletionPoliciesHandler>();
        services.AddScoped<CompletionCodeHandler>();
        var every = TimeSpan.FromSeconds(configuration.GetValue("Sla:EvaluateIntervalSeconds", 60));
        services.AddQuartz(q =>
        {
            q.AddJob<EvaluateSlaJob>(j => j.WithIdentity(EvaluateSlaJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(EvaluateSlaJob.Key).WithIdentity("evaluate-sla-trigger", "work-orders").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddScoped<ICustomerServiceHistory, WorkOrderServiceHistory>();
        services.AddScoped<IWorkOrderDesk, WorkOrderDesk>();
        services.AddScoped<IMaintenanceOrders, MaintenanceOrders>();
        services.AddSavedViewPage(WorkOrderListPage.Key);
        return services;
    }

    public static RouteGroupBuilder MapWorkOrders(this RouteGroupBuilder api, RouteGroupBuilder downloads)
    {
        var orders = api.MapGroup("/work-orders").WithTags("Work orders");
        orders.MapCreateWorkOrder();
        orders.MapGetWorkOrder();
        orders.MapListWorkOrders();
        orders.MapTransitionWorkOrder();
        orders.MapCompletionCode();
        orders.MapAttachEvidence(downloads);
        orders.MapCharges();
        api.MapSlaSettings();
        api.MapSlaUpgrades();
        api.MapCompletionPolicies();
        api.MapServicePrices();
        return api;
    }
}

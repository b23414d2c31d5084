using System.Security.Claims;
using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Modules.Outreach.Domain;
using CareLoop.Modules.Outreach.Features.Deliver;
using CareLoop.Modules.Outreach.Features.History;
using CareLoop.Modules.Outreach.Features.Policy;
using CareLoop.Modules.Outreach.Features.Send;
using CareLoop.Modules.Outreach.Features.Templates;
using CareLoop.Modules.Outreach.Ports;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using Quartz;

namespace CareLoop.Modules.Outreach;

/// <summary>
/// Outreach: the contact policy every outbound contact passes (hours, no-contact dates, caps, opt-out, channel, dedup),
/// tenant message templates, and the notification outbox sent through the SMS and WeChat ports; see docs/adr/0026.
/// </summary>
public static class OutreachModule
{
    public static IServiceCollection AddOutreach(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddScoped<ContactPolicyHandler>();
        services.AddScoped<ContactPolicyService>();
        services.AddScoped<IContactPolicy>(sp => sp.GetRequiredService<ContactPolicyService>());
        services.AddScoped<OutreachSender>();
        services.AddScoped<IOutreach>(sp => sp.GetRequiredService<OutreachSender>());
        services.AddScoped<TemplatesHandler>();
        services.AddScoped<ContactHistoryHandler>();
        services.AddScoped<OutreachDelivery>();
        services.AddSingleton<LocalWeChatTemplateMessages>();
        services.AddSingleton<IWeChatTemplateMessages>(sp => sp.GetRequiredService<LocalWeChatTemplateMessages>());
        var interval = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Outreach:DeliveryIntervalSeconds", 15)));
        services.AddQuartz(q =>
        {
            q.AddJob<DeliverOutreachJob>(j => j.WithIdentity(DeliverOutreachJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(DeliverOutreachJob.Key).WithIdentity("deliver-outreach-trigger", "outreach").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        return services;
    }

    public static RouteGroupBuilder MapOutreach(this RouteGroupBuilder api)
    {
        api.MapGet("/settings/contact-policy", (ContactPolicyHandler handler, CancellationToken ct) => handler.GetAsync(ct))
            .RequireAuthorization(Permissions.CustomersRead).WithTags("Outreach")
            .WithSummary("The tenant's contact policy: allowed hours (HH:mm-HH:mm windows, Asia/Shanghai), no-contact dates, unasked contacts per day and week, call attempts per day.");
        api.MapPut("/settings/contact-policy", async (ContactPolicyDto body, ClaimsPrincipal user, ContactPolicyHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SaveAsync(user, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettingsManage).WithTags("Outreach")
            .WithSummary("Save the contact policy (expects the version read). Inverted (ends_before_start) and overlapping (hours_overlap) windows are refused by line; noContactDates lines are a date or from..to.");

        var outreach = api.MapGroup("/outreach").WithTags("Outreach");
        outreach.MapGet("/templates", (TemplatesHandler handler, CancellationToken ct) => handler.ListAsync(ct))
            .RequireAuthorization(Permissions.CustomersRead)
            .WithSummary("The tenant's message templates, each with its channel, provider template id (SMS code / WeChat template id) and placeholders.");
        outreach.MapPost("/templates", async (SaveTemplateRequest body, ClaimsPrincipal user, TemplatesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SaveAsync(user, null, body, ct)).ToHttp(http, t => TypedResults.Created($"/api/v1/outreach/templates/{t.Id}", t)))
            .RequireAuthorization(Permissions.SettingsManage)
            .WithSummary("Add a template: { key, channel, text, providerTemplateId, url? }. Placeholders outside the known list are refused (unknown_placeholder, naming them).");
        outreach.MapPut("/templates/{id:guid}", async (Guid id, SaveTemplateRequest body, ClaimsPrincipal user, TemplatesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.SaveAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.SettingsManage).WithSummary("Change a template (expectedVersion).");
        outreach.MapDelete("/templates/{id:guid}", async (Guid id, ClaimsPrincipal user, TemplatesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.DeleteAsync(user, id, ct)).ToHttp(http, _ => TypedResults.NoContent()))
            .RequireAuthorization(Permissions.SettingsManage).WithSummary("Delete a template.");
        outreach.MapPost("/messages", async (OutreachMessage body, IOutreach sender, HttpContext http, CancellationToken ct) =>
                (await sender.SendAsync(body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CustomersManage)
            .WithSummary("Send a message through the contact policy: queued, deferred (deferredUntil), dropped or callRequired, with the reason; the same dedupKey answers with the first message (duplicate: true).");
        outreach.MapGet("/messages", (string? status, CareLoopDbContext db, CancellationToken ct) =>
                ContactHistoryHandler.MessagesAsync(status is { Length: > 0 } s ? db.Set<OutboundMessage>().Where(m => m.Status == s) : db.Set<OutboundMessage>(), 500, ct))
            .RequireAuthorization(Permissions.CustomersRead)
            .WithSummary("The notification outbox, newest first (500): status queued, deferred, sending, sent, failed, dropped or callRequired, with the reason.");

        var customers = api.MapGroup("/customers").WithTags("Outreach");
        customers.MapGet("/{id:guid}/contact-history", async (Guid id, ContactHistoryHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.GetAsync(id, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CustomersRead)
            .WithSummary("The customer's opt-outs, contacts (messages sent and call attempts) and messages with their outcome and reason.");
        customers.MapPost("/{id:guid}/opt-outs", async (Guid id, OptOutRequest body, ClaimsPrincipal user, ContactHistoryHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.OptOutAsync(user, id, body, ct)).ToHttp(http, _ => TypedResults.NoContent()))
            .RequireAuthorization(Permissions.CustomersManage)
            .WithSummary("Record an opt-out: { purpose: service|reminder|marketing (and every less necessary purpose), until?, source }. Waiting messages it covers are dropped; audited.");
        customers.MapPost("/{id:guid}/call-attempts", async (Guid id, CallAttemptRequest body, ClaimsPrincipal user, ContactHistoryHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.CallAttemptAsync(user, id, body, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CustomersManage)
            .WithSummary("An agent is about to call: the policy's decision; an allowed attempt is recorded and counts against the caps.");
        return api;
    }
}

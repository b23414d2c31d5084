using CareLoop.Modules.Callbacks.Domain;
using CareLoop.Modules.Callbacks.Features.Settings;
using CareLoop.Modules.Callbacks.Features.Survey;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Messaging;
using CareLoop.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareLoop.Modules.Callbacks.Features.AutoClose;

public sealed class CallbackOptions
{
    public const string Section = "Callbacks";

    /// <summary>Where customers open survey links (the public address of this deployment).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>The SMS template key (<c>Sms:Templates:*</c>) of the survey message; parameters <c>number</c> and <c>link</c>.</summary>
    public string SurveyTemplate { get; set; } = "CallbackSurvey";
}

/// <summary>
/// Closes a callback by policy when the customer could not be reached: the callback ends, the order is closed (if it
/// still waits for its callback), and the customer gets the survey link by SMS instead. Used by the agent's last
/// unreachable attempt and by <see cref="AutoCloseCallbacksJob"/> when the retry window runs out.
/// </summary>
public sealed class CallbackAutoCloser(
    CareLoopDbContext db, IWorkOrderDesk desk, ICustomerDirectory customers, ISmsGateway sms, SurveyLinks links, CallbackSettingsHandler settings,
    IOptions<SmsOptions> smsOptions, IOptions<CallbackOptions> options, ILogger<CallbackAutoCloser> logger, TimeProvider time)
{
    /// <summary>Stages the close on a tracked open callback; the caller saves, then calls <see cref="SendSurveyAsync"/>.</summary>
    public async Task StageAsync(CallbackTask task, CancellationToken cancellationToken)
    {
        task.AutoClose(SurveyLinks.NewNonce(), time.GetUtcNow());
        // Somebody may have closed or reopened the order by hand meanwhile: the callback still ends, the order stays as it is.
        await desk.StageCallbackStepAsync(task.WorkOrderId, CallbackStep.Close, null, null, "system", cancellationToken);
    }

    /// <summary>Sends the (already recorded) survey link; a customer without a phone simply gets none.</summary>
    public async Task SendSurveyAsync(CallbackTask task, CancellationToken cancellationToken)
    {
        var policy = await settings.CurrentAsync(cancellationToken);
        var sentAt = task.SurveySentAt ?? time.GetUtcNow();
        var token = links.Seal(new SurveyTicket(task.TenantId, task.Id, task.SurveyNonce!, sentAt.AddHours(policy.SurveyValidHours)));
        var phone = await customers.RevealPrimaryPhoneAsync(task.CustomerId, "callback-survey " + task.WorkOrderNumber, cancellationToken);
        if (phone is null)
        {
            logger.LogInformation("Callback {CallbackId} auto-closed; the customer has no phone for the survey link", task.Id);
            return;
        }

        var link = options.Value.PublicBaseUrl.TrimEnd('/') + SurveyLinks.PathFor(token);
        var template = smsOptions.Value.Templates.GetValueOrDefault(options.Value.SurveyTemplate) ?? "SMS_CARELOOP_SURVEY";
        var receipt = await sms.SendAsync(new SmsRequest(phone, smsOptions.Value.SignName, template,
            new Dictionary<string, string> { ["number"] = task.WorkOrderNumber, ["link"] = link }, "callback-" + task.Id.ToString("N")), cancellationToken);
        if (!receipt.Accepted)
        {
            logger.LogWarning("Survey SMS for callback {CallbackId} refused by the gateway: {Code}", task.Id, receipt.Code);
        }
    }

    /// <summary>Closes every open callback whose retry window ran out by <paramref name="now"/>; returns how many.</summary>
    public async Task<int> CloseDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = await db.Set<CallbackTask>().Where(c => c.Status == CallbackStatus.Open && c.AutoCloseAt != null && c.AutoCloseAt <= now)
            .OrderBy(c => c.AutoCloseAt).Take(200).ToListAsync(cancellationToken);
        foreach (var task in due)
        {
            await StageAsync(task, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await SendSurveyAsync(task, cancellationToken);
        }

        return due.Count;
    }
}

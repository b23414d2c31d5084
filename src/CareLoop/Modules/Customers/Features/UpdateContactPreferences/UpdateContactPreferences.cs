using System.Security.Claims;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.UpdateContactPreferences;

/// <summary>
/// How and whether the customer may be contacted. <c>doNotDisturbUntil</c> null lifts do-not-disturb; <c>elderly</c>,
/// <c>noSmartphone</c> and <c>weChatOpenId</c> (empty string clears it) are left as they are when absent.
/// </summary>
public sealed record ContactPreferencesRequest(
    ContactChannel PreferredChannel, bool ConsentPhone, bool ConsentSms, bool ConsentWeChat,
    DateTimeOffset? DoNotDisturbUntil, string? DoNotDisturbReason, long? ExpectedVersion,
    bool? Elderly = null, bool? NoSmartphone = null, string? WeChatOpenId = null);

public sealed class UpdateContactPreferencesHandler(CareLoopDbContext db, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<long>> HandleAsync(ClaimsPrincipal actor, Guid customerId, ContactPreferencesRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CustomersManage))
        {
            return Error.Forbidden();
        }

        var v = new Validation().MaxLength("doNotDisturbReason", request.DoNotDisturbReason, 200).MaxLength("weChatOpenId", request.WeChatOpenId?.Trim(), 64);
        if (!Enum.IsDefined(request.PreferredChannel))
        {
            v.Add("preferredChannel", ErrorCodes.InvalidFormat);
        }

        if (request.DoNotDisturbUntil is { } until && until <= time.GetUtcNow())
        {
            v.Add("doNotDisturbUntil", ErrorCodes.MustBeFuture);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var customer = await db.Set<Customer>().SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return Error.NotFound();
        }

        if (request.ExpectedVersion is { } expected && expected != customer.Version)
        {
            return Error.Conflict(ErrorCodes.ConcurrencyConflict);
        }

        customer.SetPreferences(request.PreferredChannel, request.ConsentPhone, request.ConsentSms, request.ConsentWeChat);
        customer.DoNotDisturb(request.DoNotDisturbUntil, request.DoNotDisturbReason);
        customer.SetContactFacts(request.Elderly, request.NoSmartphone, request.WeChatOpenId);
        db.Entry(customer).State = EntityState.Modified;
        audit.Record("customer.contact-preferences-changed", nameof(Customer), customer.Id.ToString(),
            new { request.PreferredChannel, request.ConsentPhone, request.ConsentSms, request.ConsentWeChat, request.DoNotDisturbUntil, request.DoNotDisturbReason,
                request.Elderly, request.NoSmartphone, weChatOpenId = request.WeChatOpenId is null ? null : "(changed)" });
        await db.SaveChangesAsync(cancellationToken);
        return customer.Version;
    }
}

public static class UpdateContactPreferencesEndpoint
{
    public static void MapUpdateContactPreferences(this RouteGroupBuilder customers) =>
        customers.MapPut("/{id:guid}/contact-preferences", async (Guid id, ContactPreferencesRequest body, ClaimsPrincipal user, UpdateContactPreferencesHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, body, ct)).ToHttp(http, version => TypedResults.Ok(new { version })))
            .RequireAuthorization(Permissions.CustomersManage)
            .WithSummary("Preferred channel, consent per channel and do-not-disturb (with optional expiry); audited.");
}

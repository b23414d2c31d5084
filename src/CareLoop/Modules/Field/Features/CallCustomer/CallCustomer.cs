using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Field.Domain;
using CareLoop.Modules.Field.Features.FieldSettings;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Security;
using CareLoop.Platform.Telephony;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CareLoop.Modules.Field.Features.CallCustomer;

/// <param name="Phone">E.164, for a <c>tel:</c> link: the customer's own number, or the secret number of a privacy binding.</param>
/// <param name="Private">True: <paramref name="Phone"/> is a virtual number that rings the customer until <paramref name="Until"/>.</param>
public sealed record CustomerLine(Guid WorkOrderId, string Phone, bool Private = false, DateTimeOffset? Until = null);

/// <summary>
/// The number the engineer who holds the job calls, and nobody else (another engineer's job does not exist for them).
/// Without privacy numbers it is the customer's own, revealed and audited by the Customers module with the job's
/// number as its purpose. With them (a tenant setting) the engineer gets the secret number of an AXB binding between
/// their phone and the customer's, and the customer's number never leaves the server; every binding is audited.
/// </summary>
public sealed class CallCustomerHandler(
    IEngineerJobs jobs, ICustomerDirectory customers, FieldSettingsHandler settings, IPrivacyNumbers privacy, IOptions<PrivacyNumberOptions> privacyOptions,
    CareLoopDbContext db, PersonalDataProtector protector, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<CustomerLine>> HandleAsync(ClaimsPrincipal actor, Guid workOrderId, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MobileUse) || actor.UserId() is not { } me)
        {
            return Error.Forbidden();
        }

        if (await jobs.FindMineAsync(actor, workOrderId, cancellationToken) is not { } job)
        {
            return Error.NotFound();
        }

        if (!(await settings.GetAsync(cancellationToken)).UsePrivacyNumbers)
        {
            var phone = await customers.RevealPrimaryPhoneAsync(job.CustomerId, "work-order " + job.Number, cancellationToken);
            return phone is null ? Error.Conflict(ErrorCodes.NoPhone) : new CustomerLine(workOrderId, phone);
        }

        // A of the binding: the engineer's mobile (set by a tenant admin, sealed like customers' phones).
        var sealedMobile = await db.Users.Where(u => u.Id == me).Select(u => u.MobileCipher).SingleOrDefaultAsync(cancellationToken);
        var engineerPhone = sealedMobile is null ? null : protector.Decrypt(sealedMobile);
        if (engineerPhone is null)
        {
            return Error.Conflict(ErrorCodes.EngineerNoPhone); // A of the binding: the number the engineer calls from
        }

        var customerPhone = await customers.RevealPrimaryPhoneAsync(job.CustomerId, "privacy-number binding, work-order " + job.Number, cancellationToken);
        if (customerPhone is null)
        {
            return Error.Conflict(ErrorCodes.NoPhone);
        }

        var options = privacyOptions.Value;
        var until = time.GetUtcNow().AddHours(options.BindingHours);
        var bound = await privacy.BindAxbAsync(new AxbBinding(options.PoolKey, engineerPhone, customerPhone, until, workOrderId.ToString("N")), cancellationToken);
        if (bound.Ok && bound.SubsId is { } subsId)
        {
            await RecordBindingAsync(workOrderId, me, options.PoolKey, subsId, bound.SecretNo!, until, cancellationToken);
        }

        audit.Record("field.privacy-number-bound", "WorkOrder", workOrderId.ToString(),
            new { job.Number, bound.Code, bound.SecretNo, bound.SubsId, options.PoolKey, expiration = until, customer = PhoneNumberRules.Mask(customerPhone) });
        await db.SaveChangesAsync(cancellationToken);
        return bound.Ok ? new CustomerLine(workOrderId, bound.SecretNo!, Private: true, Until: until) : Error.Conflict(ErrorCodes.PrivacyNumbersExhausted);
    }

    /// <summary>Keeps what unbinding needs; the provider answers a second binding of the same pair with the same subscription.</summary>
    private async Task RecordBindingAsync(Guid workOrderId, Guid engineerId, string poolKey, string subsId, string secretNo, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var known = await db.Set<PrivacyBinding>().SingleOrDefaultAsync(b => b.PoolKey == poolKey && b.SubsId == subsId, cancellationToken);
        if (known is null)
        {
            db.Add(PrivacyBinding.Bound(workOrderId, engineerId, poolKey, subsId, secretNo, until, time.GetUtcNow()));
        }
        else
        {
            known.Extend(until);
        }
    }
}

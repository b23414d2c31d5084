using System.Security.Claims;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.RevealPhone;

public sealed record RevealedPhone(string E164, string National);

/// <summary>Shows one full phone number to a permitted user and records who saw it, when and from where.</summary>
public sealed class RevealPhoneHandler(CareLoopDbContext db, PhoneVault vault, IAuditLog audit)
{
    public async Task<Result<RevealedPhone>> HandleAsync(ClaimsPrincipal actor, Guid customerId, Guid phoneId, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CustomersRevealPhone))
        {
            return Error.Forbidden();
        }

        var phone = await db.Set<CustomerPhone>().SingleOrDefaultAsync(p => p.Id == phoneId && p.CustomerId == customerId, cancellationToken);
        if (phone is null)
        {
            return Error.NotFound();
        }

        var e164 = vault.Reveal(phone);
        audit.Record("customer.phone-revealed", nameof(Customer), customerId.ToString(), new { phoneId, phone.Masked });
        await db.SaveChangesAsync(cancellationToken);
        return new RevealedPhone(e164, PhoneNumberRules.National(e164));
    }
}

public static class RevealPhoneEndpoint
{
    public static void MapRevealPhone(this RouteGroupBuilder customers) =>
        customers.MapPost("/{id:guid}/phones/{phoneId:guid}/reveal", async (Guid id, Guid phoneId, ClaimsPrincipal user, RevealPhoneHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, id, phoneId, ct)).ToHttp(http, TypedResults.Ok))
            .RequireAuthorization(Permissions.CustomersRevealPhone)
            .WithSummary("Reveal one full phone number; audited.");
}

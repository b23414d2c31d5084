using System.Security.Claims;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Customers.Features.CreateCustomer;

public sealed record AddressInput(string? RegionCode, string? Detail, double? Latitude, double? Longitude);

public sealed record CreateCustomerRequest(
    string? Name, IReadOnlyList<string>? Phones, IReadOnlyList<AddressInput>? Addresses,
    ContactChannel PreferredChannel = ContactChannel.Phone, bool ConsentPhone = true, bool ConsentSms = true, bool ConsentWeChat = false,
    IReadOnlyList<string>? Tags = null, string? Notes = null);

public sealed record CreatedCustomer(Guid Id, string Name);

/// <summary>Creates a customer with encrypted phones and GB/T 2260 addresses; every field error at once, nothing partial.</summary>
public sealed class CreateCustomerHandler(CareLoopDbContext db, ITenantContext tenant, PhoneVault vault, Regions regions, IAuditLog audit, TimeProvider time)
{
    public async Task<Result<CreatedCustomer>> HandleAsync(ClaimsPrincipal actor, CreateCustomerRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.CustomersManage))
        {
            return Error.Forbidden();
        }

        var tenantId = tenant.RequireTenantId();
        var v = new Validation().Required("name", request.Name).MaxLength("name", request.Name, CustomerRules.MaxNameLength).MaxLength("notes", request.Notes, 2000);
        var phones = new List<PhoneVault.Sealed>();
        var inputs = request.Phones ?? [];
        if (inputs.Count == 0)
        {
            v.Add("phones", ErrorCodes.Required);
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            if (vault.Seal(tenantId, inputs[i]) is { } sealedPhone)
            {
                phones.Add(sealedPhone);
            }
            else
            {
                v.Add($"phones[{i}]", ErrorCodes.InvalidPhone);
            }
        }

        var addresses = new List<(RegionPath Path, AddressInput Input)>();
        var addressInputs = request.Addresses ?? [];
        for (var i = 0; i < addressInputs.Count; i++)
        {
            var a = addressInputs[i];
            v.Required($"addresses[{i}].detail", a.Detail).MaxLength($"addresses[{i}].detail", a.Detail, 200);
            if (regions.PathOf(a.RegionCode ?? "") is { } path)
            {
                addresses.Add((path, a));
            }
            else
            {
                v.Add($"addresses[{i}].regionCode", ErrorCodes.UnknownRegion, a.RegionCode ?? "");
            }

            if (a.Latitude is < -90 or > 90 || a.Longitude is < -180 or > 180)
            {
                v.Add($"addresses[{i}].latitude", ErrorCodes.OutOfRange, -90, 90);
            }
        }

        if (!Enum.IsDefined(request.PreferredChannel))
        {
            v.Add("preferredChannel", ErrorCodes.InvalidFormat);
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        var indexes = phones.Select(p => p.BlindIndex).Distinct().ToList();
        var taken = await db.Set<CustomerPhone>().Where(p => indexes.Contains(p.BlindIndex)).Select(p => p.CustomerId).FirstOrDefaultAsync(cancellationToken);
        if (taken != Guid.Empty)
        {
            return new Error(ErrorCodes.PhoneTaken, StatusCodes.Status409Conflict, null, taken);
        }

        var now = time.GetUtcNow();
        var customer = Customer.Create(tenantId, request.Name!, now);
        customer.SetPreferences(request.PreferredChannel, request.ConsentPhone, request.ConsentSms, request.ConsentWeChat);
        customer.Tag(request.Tags ?? []);
        customer.Note(request.Notes);
        foreach (var phone in phones.DistinctBy(p => p.BlindIndex))
        {
            customer.AddPhone(phone.Cipher, phone.BlindIndex, phone.Masked, now);
        }

        foreach (var (path, input) in addresses)
        {
            customer.AddAddress(path, input.Detail!, input.Latitude, input.Longitude, now);
        }

        db.Add(customer);
        audit.Record("customer.created", nameof(Customer), customer.Id.ToString());
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedCustomer(customer.Id, customer.Name);
    }
}

public static class CreateCustomerEndpoint
{
    public static void MapCreateCustomer(this RouteGroupBuilder customers) =>
        customers.MapPost("/", async (CreateCustomerRequest body, ClaimsPrincipal user, CreateCustomerHandler handler, HttpContext http, CancellationToken ct) =>
                (await handler.HandleAsync(user, body, ct)).ToHttp(http, c => TypedResults.Created($"/api/v1/customers/{c.Id}", c)))
            .RequireAuthorization(Permissions.CustomersManage)
            .WithSummary("Create a customer; phones are stored encrypted, addresses need a GB/T 2260 district code.");
}

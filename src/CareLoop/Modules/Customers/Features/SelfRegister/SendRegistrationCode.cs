using System.Globalization;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Modules.Customers.Features.Codes;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.Customers.Features.SelfRegister;

public sealed record SendCodeRequest(string? Phone);

/// <summary>
/// Sends a one-time code by SMS to the phone a customer typed. At most one code a minute and ten a day per phone
/// (<see cref="OneTimeCodes"/>).
/// </summary>
public sealed class SendRegistrationCodeHandler(ITenantContext tenant, PhoneVault vault, OneTimeCodes codes)
{
    public const string Purpose = "unit-registration";

    public async Task<Result<CodeSent>> HandleAsync(SendCodeRequest request, CancellationToken cancellationToken) =>
        vault.Seal(tenant.RequireTenantId(), request.Phone) is { } phone
            ? await codes.SendAsync(phone, Purpose, CustomerRules.VerificationCodeLifetime, "VerificationCode",
                new Dictionary<string, string> { ["minutes"] = ((int)CustomerRules.VerificationCodeLifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture) },
                cancellationToken)
            : new Validation().Add("phone", ErrorCodes.InvalidPhone).ToError()!;
}

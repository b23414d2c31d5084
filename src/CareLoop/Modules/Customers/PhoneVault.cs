using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Security;

namespace CareLoop.Modules.Customers;

/// <summary>Turns a typed phone number into what a <see cref="CustomerPhone"/> stores, and back.</summary>
public sealed class PhoneVault(PersonalDataProtector protector)
{
    public sealed record Sealed(string E164, string Cipher, string BlindIndex, string Masked);

    /// <summary>Null when the input is not a valid phone number.</summary>
    public Sealed? Seal(Guid tenantId, string? input) =>
        protector.SealPhone(tenantId, input) is { } p ? new Sealed(p.E164, p.Cipher, p.BlindIndex, p.Masked) : null;

    public string? IndexOf(Guid tenantId, string? input) =>
        PhoneNumberRules.Normalize(input) is { } e164 ? protector.BlindIndex(tenantId, e164) : null;

    public string Reveal(CustomerPhone phone) => protector.Decrypt(phone.Cipher);
}

using CareLoop.Platform.Results;

namespace CareLoop.Modules.Customers.Contracts;

/// <summary>What other modules may ask about customers (tenant-scoped): lookup by phone, summaries, contactability.</summary>
public interface ICustomerDirectory
{
    Task<Guid?> FindByPhoneAsync(string phone, CancellationToken cancellationToken);

    Task<CustomerSummary?> FindAsync(Guid customerId, CancellationToken cancellationToken);

    /// <summary>Many customers' names at once (lists): id → name, for the ids that exist.</summary>
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken);

    Task<UnitSummary?> FindUnitAsync(Guid unitId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the serial of a unit that still carries a placeholder, from the installer's scan, in the caller's unit of
    /// work (saved with the completion). An error for <c>barcode</c> when another unit already has that serial;
    /// <paramref name="checkOnly"/> only checks.
    /// </summary>
    Task<Error?> BindSerialAsync(Guid unitId, string serial, bool checkOnly, CancellationToken cancellationToken);

    /// <summary>Whether the unit's main-unit warranty (with approved extensions, voided by a non-transferable sale) covers the date; null for an unknown unit.</summary>
    Task<bool?> UnderWarrantyAsync(Guid unitId, DateOnly on, CancellationToken cancellationToken);

    /// <summary>
    /// Where a job is, as dispatch and the engineer at the door need it (area names, street, coordinates, null when not
    /// geocoded): the job's own address, or the customer's default one when the job names none (an order taken by phone);
    /// null when the customer has no address.
    /// </summary>
    Task<JobAddress?> AddressOfJobAsync(Guid? addressId, Guid customerId, CancellationToken cancellationToken);

    /// <summary>
    /// The customer's primary phone in full (E.164), for the engineer who holds one of the customer's jobs: the caller
    /// has checked that. Audited (<c>customer.phone-revealed</c>, with <paramref name="purpose"/>) and saved at once;
    /// null when the customer has no phone.
    /// </summary>
    Task<string?> RevealPrimaryPhoneAsync(Guid customerId, string purpose, CancellationToken cancellationToken);

    /// <summary>What the contact policy needs to pick a channel and to respect the customer's wishes; null for an unknown customer.</summary>
    Task<CustomerContactProfile?> ContactProfileAsync(Guid customerId, CancellationToken cancellationToken);

    /// <summary><see cref="ContactProfileAsync"/> for many customers in one query; unknown ones are absent.</summary>
    Task<IReadOnlyDictionary<Guid, CustomerContactProfile>> ContactProfilesAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken cancellationToken);

    /// <summary>
    /// The customer's primary phone in full (E.164) for a machine send (an SMS through the gateway port): it reaches no
    /// screen, so it is not audited as a reveal. Null when the customer has no phone.
    /// </summary>
    Task<string?> PhoneForSendingAsync(Guid customerId, CancellationToken cancellationToken);
    /// <summary>
    /// Sends a templated SMS notice (e.g. <c>VisitBooked</c>) to the customer's primary phone through the SMS port: the
    /// phone never leaves the Customers module. <paramref name="outId"/> is the gateway's OutId (for delivery reports).
    /// Returns the masked phone it went to; null when the customer has no phone.
    /// </summary>
    Task<string?> NotifyBySmsAsync(Guid customerId, string template, IReadOnlyDictionary<string, string> parameters, string outId, CancellationToken cancellationToken);
}

/// <summary>
/// How a customer may be reached. <paramref name="PreferredChannel"/> is <c>phone</c>, <c>sms</c>, <c>weChat</c> or
/// <c>app</c>; <paramref name="DoNotDisturbUntil"/> null when none (<see cref="DateTimeOffset.MaxValue"/>: until revoked).
/// </summary>
public sealed record CustomerContactProfile(
    Guid Id, string Name, bool HasPhone, string PreferredChannel, bool ConsentPhone, bool ConsentSms, bool ConsentWeChat,
    DateTimeOffset? DoNotDisturbUntil, bool Elderly, bool NoSmartphone, string? WeChatOpenId);

public sealed record JobAddress(string DistrictCode, string CityName, string DistrictName, string Detail, double? Latitude, double? Longitude);


/// <summary>A registered unit as other modules see it: whose it is, which model, which serial.</summary>
public sealed record UnitSummary(Guid Id, Guid CustomerId, Guid ModelId, string Sku, string SerialNumber)
{
    /// <summary>Bought online without a known serial: the installer's barcode scan sets it (see <see cref="ICustomerDirectory.BindSerialAsync"/>).</summary>
    public bool IsSerialPending => SerialNumber.StartsWith("PENDING-", StringComparison.Ordinal);
}

public sealed record CustomerSummary(Guid Id, string Name, string? MaskedPhone, string? DistrictCode, bool DoNotDisturb);

/// <summary>The SMS code a customer was sent: to which (masked) phone, how long it lives, when another may be sent.</summary>
public sealed record CodeSent(string MaskedPhone, int ExpiresInSeconds, int ResendAfterSeconds);

/// <summary>
/// One-time SMS codes to a customer's own phone, for other modules (e.g. the completion code a customer reads out to
/// the engineer): the phone never leaves the Customers module. Rate-limited, hashed, five wrong tries lock a code.
/// </summary>
public interface ICustomerCodes
{
    /// <summary>Sends a code for <paramref name="purpose"/> by the SMS template; the template gets <c>code</c> and <paramref name="parameters"/>.</summary>
    Task<Result<CodeSent>> SendToCustomerAsync(
        Guid customerId, string purpose, TimeSpan lifetime, string template, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken);

    /// <summary>Null when the code is the latest one sent for the purpose and still valid (it is used up); else the error for <paramref name="field"/>.</summary>
    Task<Error?> VerifyCustomerAsync(Guid customerId, string purpose, string? code, string field, CancellationToken cancellationToken);

    /// <summary>The latest code sent to the customer for <paramref name="purpose"/>: wrong tries left, locked or expired; null when none was sent.</summary>
    Task<CustomerCodeState?> LatestCustomerCodeAsync(Guid customerId, string purpose, CancellationToken cancellationToken);
}

/// <summary>
/// The same one-time SMS codes to a phone number that is not a customer's (a staff member signing in on the phone):
/// same rate limits, hashing and five-try lock as <see cref="ICustomerCodes"/>.
/// </summary>
public interface IPhoneCodes
{
    /// <summary>Sends a code to <paramref name="phone"/> (any format <c>PhoneNumberRules</c> reads); a field error on <c>mobile</c> when it is not a number.</summary>
    Task<Result<CodeSent>> SendToPhoneAsync(
        string phone, string purpose, TimeSpan lifetime, string template, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken);

    /// <summary>Null when the code is the latest one sent to the phone for the purpose and still valid (it is used up); else the error for <paramref name="field"/>.</summary>
    Task<Error?> VerifyPhoneAsync(string phone, string purpose, string? code, string field, CancellationToken cancellationToken);
}
/// <param name="Locked">Used up or out of tries: a new code must be sent.</param>
public sealed record CustomerCodeState(string MaskedPhone, int TriesLeft, bool Locked, bool Expired, DateTimeOffset ExpiresAt);

using CareLoop.Platform.Outbox;
using CareLoop.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;

namespace CareLoop.Platform.Identity;

/// <summary>A staff account (agents, dispatchers, engineers, admins…). User names are unique per tenant.</summary>
public sealed class StaffUser : IdentityUser<Guid>, ITenantOwned, IHasDomainEvents
{
    private readonly List<IDomainEvent> _events = [];

    private StaffUser()
    {
    }

    public Guid TenantId { get; private set; }

    public string DisplayName { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastSignInAt { get; private set; }

    /// <summary>The staff member's mobile, encrypted (engineers sign in on the phone with it). Identity's own PhoneNumber stays unused: it would be plain text.</summary>
    public string? MobileCipher { get; private set; }

    /// <summary>The mobile's blind index: finds the account at sign-in without decrypting; unique per tenant.</summary>
    public string? MobileIndex { get; private set; }

    /// <summary>The mobile as screens show it (<c>138****5678</c>).</summary>
    public string? MobileMasked { get; private set; }

    public IReadOnlyCollection<IDomainEvent> DomainEvents => _events;

    public static StaffUser Create(Guid tenantId, string userName, string displayName, string? email, DateTimeOffset now, IReadOnlyList<string> roles)
    {
        var user = new StaffUser
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            UserName = userName.Trim(),
            DisplayName = displayName.Trim(),
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            CreatedAt = now,
            LockoutEnabled = true,
        };
        user._events.Add(new StaffUserCreated(user.Id, tenantId, user.UserName, roles));
        return user;
    }

    public void Rename(string displayName) => DisplayName = displayName.Trim();

    public void RecordSignIn(DateTimeOffset now) => LastSignInAt = now;

    /// <summary>Sets the mobile (sealed by <see cref="Security.PersonalDataProtector.SealPhone"/>), or clears it with null.</summary>
    public void SetMobile(Security.SealedPhone? mobile)
    {
        MobileCipher = mobile?.Cipher;
        MobileIndex = mobile?.BlindIndex;
        MobileMasked = mobile?.Masked;
    }

    public void ClearDomainEvents() => _events.Clear();
}

/// <summary>Raised when a tenant admin creates a staff account (e.g. an engineer profile follows from it).</summary>
public sealed record StaffUserCreated(Guid UserId, Guid TenantId, string UserName, IReadOnlyList<string> Roles) : IDomainEvent;

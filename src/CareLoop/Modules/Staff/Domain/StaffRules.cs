namespace CareLoop.Modules.Staff.Domain;

/// <summary>Named business rules for staff accounts; pure, so they are tested without I/O.</summary>
public static class StaffRules
{
    public const int UserNameMaxLength = 64;
    public const int DisplayNameMaxLength = 100;

    /// <summary>An admin who locks themselves out leaves the tenant without anyone to unlock them.</summary>
    public static bool CannotLockYourself(Guid actorId, Guid targetId, bool locking) => locking && actorId == targetId;

    /// <summary>Letters, digits and <c>-._@+</c>, starting with a letter or digit.</summary>
    public static bool IsValidUserName(string userName) =>
        userName.Length is > 0 and <= UserNameMaxLength
        && char.IsAsciiLetterOrDigit(userName[0])
        && userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '@' or '+');
}

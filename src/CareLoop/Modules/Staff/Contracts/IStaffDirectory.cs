namespace CareLoop.Modules.Staff.Contracts;

/// <summary>What other modules may ask about staff: who a user is and which roles they hold (tenant-scoped).</summary>
public interface IStaffDirectory
{
    Task<StaffMember?> FindAsync(Guid userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StaffMember>> InRoleAsync(string role, CancellationToken cancellationToken);
}

public sealed record StaffMember(Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, bool IsLocked);

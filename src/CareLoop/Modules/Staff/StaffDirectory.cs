using CareLoop.Modules.Staff.Contracts;
using CareLoop.Modules.Staff.Features.ListUsers;

namespace CareLoop.Modules.Staff;

internal sealed class StaffDirectory(ListUsersHandler users) : IStaffDirectory
{
    public async Task<StaffMember?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        (await users.QueryAsync(u => u.Id == userId, cancellationToken)).Select(ToMember).SingleOrDefault();

    public async Task<IReadOnlyList<StaffMember>> InRoleAsync(string role, CancellationToken cancellationToken) =>
        (await users.QueryAsync(null, cancellationToken)).Where(u => u.Roles.Contains(role)).Select(ToMember).ToList();

    private static StaffMember ToMember(UserRow u) => new(u.Id, u.UserName, u.DisplayName, u.Roles, u.Locked);
}

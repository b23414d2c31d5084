using CareLoop.Modules.Staff.Domain;
using CareLoop.Platform.Identity;

namespace CareLoop.Tests.Domain;

public sealed class StaffRulesTests
{
    [Theory]
    [InlineData("agent", true)]
    [InlineData("agent.li", true)]
    [InlineData("zhang_3@demo", true)]
    [InlineData(".agent", false)]
    [InlineData("bad name", false)]
    [InlineData("张三", false)]
    [InlineData("", false)]
    public void User_names_are_ascii_letters_digits_and_a_few_separators(string userName, bool valid) =>
        Assert.Equal(valid, StaffRules.IsValidUserName(userName));

    [Fact]
    public void An_admin_cannot_lock_themselves_but_may_unlock_and_lock_others()
    {
        var me = Guid.NewGuid();

        Assert.True(StaffRules.CannotLockYourself(me, me, locking: true));
        Assert.False(StaffRules.CannotLockYourself(me, me, locking: false));
        Assert.False(StaffRules.CannotLockYourself(me, Guid.NewGuid(), locking: true));
    }

    [Fact]
    public void Permissions_follow_the_role_table_and_platform_admin_is_not_assignable()
    {
        Assert.Contains(Permissions.UsersManage, RolePermissions.For([Roles.TenantAdmin]));
        Assert.DoesNotContain(Permissions.UsersManage, RolePermissions.For([Roles.Supervisor, Roles.Agent]));
        Assert.Contains(Permissions.MobileUse, RolePermissions.For([Roles.Engineer]));
        Assert.DoesNotContain(Roles.PlatformAdmin, Roles.Assignable);
        Assert.All(Roles.All, role => Assert.True(RolePermissions.Map.ContainsKey(role), role));
    }
}

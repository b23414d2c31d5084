using CareLoop.Modules.Staff.Contracts;
using CareLoop.Modules.Staff.Features.CreateUser;
using CareLoop.Modules.Staff.Features.ListUsers;
using CareLoop.Modules.Staff.Features.LockUser;
using CareLoop.Modules.Staff.Features.SetMobile;

namespace CareLoop.Modules.Staff;

/// <summary>Staff accounts of a tenant: list, create with roles and mobile, set the mobile, lock and unlock.</summary>
public static class StaffModule
{
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddScoped<ListUsersHandler>();
        services.AddScoped<CreateUserHandler>();
        services.AddScoped<LockUserHandler>();
        services.AddScoped<StaffMobiles>();
        services.AddScoped<SetMobileHandler>();
        services.AddScoped<IStaffDirectory, StaffDirectory>();
        return services;
    }

    public static RouteGroupBuilder MapStaff(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Staff");
        users.MapListUsers();
        users.MapCreateUser();
        users.MapLockUser();
        users.MapSetMobile();
        return api;
    }
}

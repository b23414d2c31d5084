using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Network.Contracts;
using CareLoop.Platform.Tenancy;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareLoop.Tests.Modules.Network;

public sealed class EngineersTests
{
    [Theory, AllProviders]
    public async Task Demo_engineers_cover_suzhou_districts_by_skill(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var dispatcher = await app.ApiAsAsync("dispatcher");

        var gusu = await dispatcher.GetFromJsonAsync<JsonElement>("/api/v1/network/engineers?district=320508&category=water-purifier");
        var wujiang = await dispatcher.GetFromJsonAsync<JsonElement>("/api/v1/network/engineers?district=320509&category=floor-washer");
        var nobody = await dispatcher.GetFromJsonAsync<JsonElement>("/api/v1/network/engineers?district=110101");

        Assert.Equal(["engineer"], gusu.EnumerateArray().Select(e => e.GetProperty("userName").GetString()).ToArray());
        Assert.Equal(["engineer2"], wujiang.EnumerateArray().Select(e => e.GetProperty("userName").GetString()).ToArray());
        Assert.Equal(0, nobody.GetArrayLength());
    }

    [Theory, AllProviders]
    public async Task The_network_contract_skips_locked_engineers_and_agents_may_not_list_engineers(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer2").Select(u => u.Id).SingleAsync());
        await admin.PostAsJsonAsync($"/api/v1/users/{engineerId}/lock", new { locked = true });

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(await app.TenantIdAsync("demo-brand"), "demo-brand");
        var covering = await scope.ServiceProvider.GetRequiredService<INetwork>().EngineersCoveringAsync("320506", "robot-vacuum", CancellationToken.None);

        Assert.Equal(["engineer"], await UserNamesAsync(app, covering.Select(e => e.UserId)));
        await ProblemAssert.IsProblemAsync(await agent.GetAsync("/api/v1/network/engineers"), HttpStatusCode.Forbidden, "forbidden");
    }

    private static Task<List<string>> UserNamesAsync(CareLoopApp app, IEnumerable<Guid> ids)
    {
        var set = ids.ToList();
        return app.DbAsync("demo-brand", db => db.Users.Where(u => set.Contains(u.Id)).Select(u => u.UserName!).ToListAsync());
    }
}

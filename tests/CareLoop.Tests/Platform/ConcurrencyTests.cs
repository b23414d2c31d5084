using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Tests.Platform;

public sealed class ConcurrencyTests
{
    [Theory, AllProviders]
    public async Task A_stale_write_to_a_versioned_aggregate_is_rejected_and_the_first_write_wins(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);

        var error = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => app.DbAsync(null, async first =>
        {
            var mine = await first.Tenants.SingleAsync(t => t.Slug == "demo-brand");
            await app.DbAsync(null, async second =>
            {
                var theirs = await second.Tenants.SingleAsync(t => t.Slug == "demo-brand");
                theirs.Rename("清源智家");
                return await second.SaveChangesAsync();
            });
            mine.Rename("stale");
            return await first.SaveChangesAsync();
        }));

        var (name, version) = await app.DbAsync(null, db => db.Tenants.Where(t => t.Slug == "demo-brand").Select(t => new ValueTuple<string, long>(t.Name, t.Version)).SingleAsync());
        Assert.NotNull(error);
        Assert.Equal("清源智家", name);
        Assert.Equal(1, version);
    }
}

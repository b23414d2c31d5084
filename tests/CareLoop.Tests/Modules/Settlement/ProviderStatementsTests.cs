using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Network.Domain;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CareLoop.Tests.Modules.Settlement;

/// <summary>
/// Provider admins (role ProviderAdmin, linked on their provider) see their provider's statements and their engineers',
/// confirm the provider's issued statement and export them — and never another provider's.
/// </summary>
public sealed class ProviderStatementsTests
{
    [Theory, AllProviders]
    public async Task A_provider_admin_sees_confirms_and_exports_only_their_own_providers_statements(DatabaseKind kind)
    {
        await using var flow = await SettlementFlow.StartAsync(kind, contractedProvider: true);
        var admin = await flow.AsAsync("admin");
        var (providerA, providerB) = await TwoProvidersAsync(flow, admin);
        var adminA = await ProviderAdminAsync(flow, admin, "pa-suzhou", providerA);
        var adminB = await ProviderAdminAsync(flow, admin, "pa-wujiang", providerB);
        var engineer = await flow.UserIdAsync("engineer");   // works for provider A
        var engineer2 = await flow.UserIdAsync("engineer2"); // moved to provider B
        await LedgerAsync(flow, (PartyKind.Provider, providerA, 5000), (PartyKind.Engineer, engineer, 3000), (PartyKind.Provider, providerB, 7000), (PartyKind.Engineer, engineer2, 4000));
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/settlement/months/close", new { period = 202610 })).StatusCode);

        var seenByA = await adminA.GetFromJsonAsync<JsonElement>("/api/v1/settlement/statements?period=202610");
        var seenByB = await adminB.GetFromJsonAsync<JsonElement>("/api/v1/settlement/statements?period=202610");
        Assert.Equal([providerA, engineer], Parties(seenByA));
        Assert.Equal([providerB, engineer2], Parties(seenByB));
        var all = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settlement/statements?period=202610");
        var statementOfB = StatementOf(all, providerB);
        var statementOfA = StatementOf(all, providerA);

        // Another provider's statement, its ledger and its export do not exist for A; asking for B's party by filter finds nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/v1/settlement/statements/{statementOfB}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminA.GetAsync($"/api/v1/settlement/ledger?party=Provider&partyId={providerB}&period=202610")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/v1/settlement/statements/export.xlsx?statementId={statementOfB}")).StatusCode);
        Assert.Equal(0, (await adminA.GetFromJsonAsync<JsonElement>($"/api/v1/settlement/statements?period=202610&partyId={providerB}")).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await adminA.GetAsync($"/api/v1/settlement/ledger?party=Provider&partyId={providerA}&period=202610")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await adminA.GetAsync("/api/v1/settlement/rules")).StatusCode);

        // The month's export holds A's two statements only.
        var export = await adminA.GetAsync("/api/v1/settlement/statements/export.xlsx?period=202610");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = (await export.Content.ReadAsStreamAsync()).Query(useHeaderRow: true, sheetName: "statements").ToList();
        Assert.Equal(2, rows.Count);

        // Issuing is the brand's; confirming the issued statement is the provider admin's, and only for their provider.
        Assert.Equal(HttpStatusCode.Forbidden, (await MoveAsync(admin, adminA, statementOfA, "issue")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(admin, admin, statementOfA, "issue")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(admin, admin, statementOfB, "issue")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MoveAsync(admin, adminA, statementOfB, "confirm")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await MoveAsync(admin, adminA, StatementOf(all, engineer), "issue")).StatusCode);
        var confirmed = await MoveAsync(admin, adminA, statementOfA, "confirm");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("confirmed", (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        var stillIssued = await adminB.GetFromJsonAsync<JsonElement>($"/api/v1/settlement/statements/{statementOfB}");
        Assert.Equal("issued", stillIssued.GetProperty("statement").GetProperty("state").GetString());
    }

    [Theory, AllProviders]
    public async Task Only_provider_admin_accounts_are_linked_and_each_to_one_provider(DatabaseKind kind)
    {
        await using var flow = await SettlementFlow.StartAsync(kind, contractedProvider: true);
        var admin = await flow.AsAsync("admin");
        var (providerA, providerB) = await TwoProvidersAsync(flow, admin);
        await ProviderAdminAsync(flow, admin, "pa-suzhou", providerA);
        var paSuzhou = await flow.UserIdAsync("pa-suzhou");
        var agent = await flow.UserIdAsync("agent");
        var dispatcher = await flow.AsAsync("dispatcher");

        var refused = await admin.PutAsJsonAsync($"/api/v1/network/providers/{providerB}/admins", new { userIds = new[] { agent, paSuzhou } });
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString()).ToList();
        Assert.Equal(["userIds[0]:not_provider_admin", "userIds[1]:administers_another_provider"], fields);
        Assert.Equal(HttpStatusCode.Forbidden, (await dispatcher.PutAsJsonAsync($"/api/v1/network/providers/{providerB}/admins", new { userIds = Array.Empty<Guid>() })).StatusCode);

        // Without a link a provider admin sees nothing at all.
        var unlinked = await UserAsync(flow, admin, "pa-nobody");
        Assert.Equal(HttpStatusCode.Forbidden, (await unlinked.GetAsync("/api/v1/settlement/statements?period=202610")).StatusCode);
    }

    /// <summary>The demo's provider (A, contracted here, with the demo engineer) and a second one (B) with a station in 吴江 where engineer2 now works.</summary>
    private static async Task<(Guid A, Guid B)> TwoProvidersAsync(SettlementFlow flow, HttpClient admin)
    {
        var a = await flow.App.DbAsync("demo-brand", db => db.Set<Provider>().Select(p => p.Id).SingleAsync());
        var created = await admin.PostAsJsonAsync("/api/v1/network/providers", new { name = "吴江安装服务商", isBrandOwned = false });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var b = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var station = await admin.PostAsJsonAsync($"/api/v1/network/providers/{b}/stations", new { name = "吴江二站", districtCode = "320509", address = "吴江区 1 号", latitude = 31.16, longitude = 120.64 });
        Assert.Equal(HttpStatusCode.Created, station.StatusCode);
        var stationId = (await station.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var engineer2 = await flow.UserIdAsync("engineer2");
        await flow.App.DbAsync("demo-brand", db => db.Set<EngineerProfile>().Where(p => p.UserId == engineer2).ExecuteUpdateAsync(s => s.SetProperty(p => p.StationId, stationId)));
        return (a, b);
    }

    private static async Task<HttpClient> ProviderAdminAsync(SettlementFlow flow, HttpClient admin, string userName, Guid provider)
    {
        var client = await UserAsync(flow, admin, userName);
        var linked = await admin.PutAsJsonAsync($"/api/v1/network/providers/{provider}/admins", new { userIds = new[] { await flow.UserIdAsync(userName) } });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        return client;
    }

    private static async Task<HttpClient> UserAsync(SettlementFlow flow, HttpClient admin, string userName)
    {
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { userName, displayName = userName, password = TestEnvironment.DemoPassword, roles = new[] { Roles.ProviderAdmin } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return await flow.AsAsync(userName);
    }

    /// <summary>One entry per party on 10 October 2026 (a month that is over on the flow's clock).</summary>
    private static Task<int> LedgerAsync(SettlementFlow flow, params (PartyKind Kind, Guid Party, long Fen)[] entries) =>
        flow.App.DbAsync("demo-brand", db =>
        {
            var at = new DateTimeOffset(2026, 10, 10, 12, 0, 0, TimeSpan.FromHours(8));
            var i = 0;
            foreach (var (kind, party, fen) in entries)
            {
                db.Add(LedgerEntry.Post(kind, party, Guid.NewGuid(), "WO-P" + i, new CommissionLine(RuleCodes.Base, fen, ["installation", "*"]), 1, "provider-test:" + i++, at));
            }

            return db.SaveChangesAsync();
        });

    private static List<Guid> Parties(JsonElement statements) =>
        statements.EnumerateArray().OrderByDescending(s => s.GetProperty("partyKind").GetString()).Select(s => s.GetProperty("partyId").GetGuid()).ToList();

    private static Guid StatementOf(JsonElement statements, Guid party) =>
        statements.EnumerateArray().Single(s => s.GetProperty("partyId").GetGuid() == party).GetProperty("id").GetGuid();

    /// <summary>One move by <paramref name="client"/> at the version <paramref name="reader"/> (the brand's admin) sees.</summary>
    private static async Task<HttpResponseMessage> MoveAsync(HttpClient reader, HttpClient client, Guid statement, string action)
    {
        var current = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/settlement/statements/{statement}");
        return await client.PostAsJsonAsync($"/api/v1/settlement/statements/{statement}/moves",
            new { action, expectedVersion = current.GetProperty("statement").GetProperty("version").GetInt64() });
    }
}

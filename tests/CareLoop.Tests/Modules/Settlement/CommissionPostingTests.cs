using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Callbacks.Contracts;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Tests.Modules.Settlement;

/// <summary>
/// Completion → callback confirmed (through the outbox) → ledger entries exactly per the tenant's rules, on both providers:
/// base by kind × category, distance bands from the station, CSAT-5 bonus, SLA-breach penalty, the cap per job and the
/// monthly cap; the contracted provider's mirror line; a complaint; a second delivery posting nothing; a later repeat repair.
/// </summary>
public sealed class CommissionPostingTests
{
    /// <summary>Base: installation of a water purifier ¥80, of a robot vacuum ¥50; bands 0–10 km ¥0, 10–30 km ¥15, 30–80 km ¥40; cap ¥100 per job, ¥400 a month.</summary>
    public static readonly object Rules = new
    {
        baseAmounts = new object[]
        {
            new { kind = "installation", categoryCode = "water-purifier", amountFen = 8000 },
            new { kind = "installation", categoryCode = "robot-vacuum", amountFen = 5000 },
            new { kind = "onSiteGuidance", categoryCode = "*", amountFen = 3000 },
        },
        distanceBands = new object[] { new { fromKm = 0, toKm = 10, amountFen = 0 }, new { fromKm = 10, toKm = 30, amountFen = 1500 }, new { fromKm = 30, toKm = 80, amountFen = 4000 } },
        csat5BonusFen = 1000, slaBreachPenaltyFen = 2000, repeatRepairPenaltyFen = 3000, complaintPenaltyFen = 5000,
        jobCapFen = 10000, monthlyCapFen = 40000, providerFeeFen = 500,
    };

    /// <summary>
    /// The cases, in the order they are confirmed (the monthly cap depends on what came before): SKU, km from the station, CSAT,
    /// days the clock moves before completion (SLA breach), and the expected engineer lines (rule code → 分).
    /// </summary>
    public static readonly (string Sku, double Km, int? Csat, int DaysLate, (string Code, long Fen)[] Lines)[] Cases =
    [
        ("WP-RO600", 5, 4, 0, [("base", 8000)]),
        ("RV-X20", 20, 5, 0, [("base", 5000), ("distance", 1500), ("csat5_bonus", 1000)]),
        ("WP-RO600", 45, 5, 0, [("base", 8000), ("distance", 4000), ("csat5_bonus", 1000), ("job_cap", -3000)]),
        ("WP-RO600", 5, null, 10, [("base", 8000), ("sla_breach", -2000)]),
        ("RV-X20", 5, 5, 0, [("base", 5000), ("csat5_bonus", 1000)]),
        ("RV-X20", 20, 4, 0, [("base", 5000), ("distance", 1500), ("monthly_cap", -6000)]),
    ];

    internal static async Task SaveRulesAsync(SettlementFlow flow)
    {
        var admin = await flow.AsAsync("admin");
        var saved = await admin.PutAsJsonAsync("/api/v1/settlement/rules", new { rules = Rules, expectedVersion = 0 });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    [Theory, AllProviders]
    public async Task A_confirmed_job_posts_its_engineer_and_provider_entries_exactly_per_the_rules(DatabaseKind kind)
    {
        await using var flow = await SettlementFlow.StartAsync(kind, contractedProvider: true);
        await SaveRulesAsync(flow);
        var engineer = await flow.UserIdAsync("engineer");
        var orders = new List<Guid>();

        foreach (var (sku, km, csat, daysLate, expected) in Cases)
        {
            var order = await flow.PlaceAsync(sku, km);
            if (daysLate > 0)
            {
                flow.Clock.Advance(TimeSpan.FromDays(daysLate));
                flow.ForgetTokens();
            }

            await flow.CompleteAsync(order);
            await flow.ConfirmAsync(order, csat);
            orders.Add(order);

            var lines = await EntriesAsync(flow, order);
            Assert.Equal(expected.Select(e => (e.Code, e.Fen)).OrderBy(e => e.Code, StringComparer.Ordinal).ToArray(),
                lines.Where(l => l.PartyKind == PartyKind.Engineer).Select(l => (l.RuleCode, l.AmountFen)).OrderBy(e => e.RuleCode, StringComparer.Ordinal).ToArray());
            Assert.All(lines, l => Assert.Equal(l.PartyKind == PartyKind.Engineer ? engineer : l.PartyId, l.PartyId));
            var provider = Assert.Single(lines, l => l.PartyKind == PartyKind.Provider);
            Assert.Equal(expected.Sum(e => e.Fen) + 500, provider.AmountFen); // the engineer's net plus the provider's fee
            Assert.Equal("provider_settlement", provider.RuleCode);
        }

        // The same confirmation delivered again (a retry, a second node, a double click) posts nothing.
        var before = await flow.App.DbAsync("demo-brand", db => db.Set<LedgerEntry>().CountAsync());
        await flow.ConfirmAsync(orders[0], 5);
        await flow.ConfirmAsync(orders[0], 5);
        Assert.Equal(before, await flow.App.DbAsync("demo-brand", db => db.Set<LedgerEntry>().CountAsync()));

        // A complaint on the second job: its penalty on the engineer, mirrored on the provider, once.
        await flow.EnqueueAsync(new CallbackProblemFound(Guid.NewGuid(), orders[1], "", null, Complaint: true, null, flow.Clock.GetUtcNow()));
        await flow.EnqueueAsync(new CallbackProblemFound(Guid.NewGuid(), orders[1], "", null, Complaint: true, null, flow.Clock.GetUtcNow()));
        await flow.DeliverAsync();
        var complaint = (await EntriesAsync(flow, orders[1])).Where(e => e.Key.StartsWith("complaint:", StringComparison.Ordinal)).ToList();
        Assert.Equal([(PartyKind.Engineer, -5000L), (PartyKind.Provider, -5000L)], complaint.Select(c => (c.PartyKind, c.AmountFen)).OrderBy(c => c.PartyKind).ToArray());

        // The first job is reopened within 30 days: a repeat repair, its penalty posted on the engineer paid for it.
        flow.Clock.Advance(TimeSpan.FromDays(3));
        flow.ForgetTokens();
        await flow.ReopenAsync(orders[0]);
        await flow.DeliverAsync();
        var repeat = Assert.Single(await EntriesAsync(flow, orders[0]), e => e.RuleCode == "repeat_repair");
        Assert.Equal((engineer, -3000L), (repeat.PartyId, repeat.AmountFen));

        // Every entry explains itself in the reader's language.
        var admin = await flow.AsAsync("admin");
        var entries = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/settlement/ledger?party=Engineer&partyId={engineer}&period=202611");
        Assert.Equal(Cases.Sum(c => c.Lines.Length) + 2, entries.GetArrayLength());
    }

    [Theory, AllProviders]
    public async Task A_new_repair_of_the_same_unit_within_30_days_penalises_the_engineer_of_the_paid_job(DatabaseKind kind)
    {
        await using var flow = await SettlementFlow.StartAsync(kind);
        await SaveRulesAsync(flow);
        var engineer = await flow.UserIdAsync("engineer");
        var order = await flow.CompletedJobAsync("WP-RO600", 5);
        await flow.ConfirmAsync(order, 5);
        Assert.DoesNotContain(await EntriesAsync(flow, order), e => e.PartyKind == PartyKind.Provider); // the brand's own organisation: no provider line

        // Twelve days later the customer calls again: a repair order for the same unit.
        flow.Clock.Advance(TimeSpan.FromDays(12));
        flow.ForgetTokens();
        var agent = await flow.AsAsync("agent");
        var unit = await flow.App.DbAsync("demo-brand", db => db.Set<CareLoop.Modules.WorkOrders.Domain.WorkOrder>().Where(w => w.Id == order).Select(w => w.UnitId).SingleAsync());
        var customer = await flow.App.DbAsync("demo-brand", db => db.Set<CareLoop.Modules.WorkOrders.Domain.WorkOrder>().Where(w => w.Id == order).Select(w => w.CustomerId).SingleAsync());
        var repair = await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "onSiteRepair", priority = "normal", description = "净水器漏水" });
        Assert.Equal(HttpStatusCode.Created, repair.StatusCode);
        await flow.DeliverAsync();
        await flow.DeliverAsync();

        var penalty = Assert.Single(await EntriesAsync(flow, order), e => e.RuleCode == "repeat_repair");
        Assert.Equal((engineer, -3000L), (penalty.PartyId, penalty.AmountFen));
        Assert.Equal((await repair.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetString(), penalty.ArgList[0]);
    }

    internal static Task<List<LedgerEntry>> EntriesAsync(SettlementFlow flow, Guid order) =>
        flow.App.DbAsync("demo-brand", db => db.Set<LedgerEntry>().Where(e => e.WorkOrderId == order).ToListAsync());
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Settlement.Domain;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Tests.Modules.Settlement;

/// <summary>Rule sets refused on save, corrections only by somebody else's approval, statements that reconcile to the ledger to the fen and move one step at a time.</summary>
public sealed class StatementsAndCorrectionsTests
{
    [Theory, AllProviders]
    public async Task Overlapping_inverted_and_negative_rules_are_refused_with_field_errors(DatabaseKind kind)
    {
        await using var flow = await SettlementFlow.StartAsync(kind);
        var admin = await flow.AsAsync("admin");
        var engineer = await flow.AsAsync("engineer");
        var rules = new
        {
            baseAmounts = new object[] { new { kind = "installation", categoryCode = "water-purifier", amountFen = -1 } },
            distanceBands = new object[] { new { fromKm = 0, toKm = 10, amountFen = 0 }, new { fromKm = 8, toKm = 20, amountFen = 100 }, new { fromKm = 30, toKm = 25, amountFen = 100 } },
            csat5BonusFen = 0, slaBreachPenaltyFen = 0, repeatRepairPenaltyFen = 0, complaintPenaltyFen = 0, jobCapFen = 0, providerFeeFen = 0,
        };

        var refused = await admin.PutAsJsonAsync("/api/v1/settlement/rules", new { rules, expectedVersion = 0 });
        var forbidden = await engineer.PutAsJsonAsync("/api/v1/settlement/rules", new { rules, expectedVersion = 0 });

        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "validation_failed");
        var fields = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString()).ToList();
        Assert.Equal(["baseAmounts[0].amountFen:negative_amount", "distanceBands[1].fromKm:band_overlap", "distanceBands[2].toKm:band_inverted", "jobCapFen:must_be_positive"], fields);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(0, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/settlement/rules")).GetProperty("version").GetInt32());
    }

    [Theory, AllProviders]
    public async Task A_correction_posts_a_reversing_entry_only_when_somebody_else_approves_it(DatabaseKind kind)
    {
        await using var flow = await SettlementFlow.StartAsync(kind);
        await CommissionPostingTests.SaveRulesAsync(flow);
        var order = await flow.CompletedJobAsync("WP-RO600", 20);
        await flow.ConfirmAsync(order, 4);
        var distance = Assert.Single(await CommissionPostingTests.EntriesAsync(flow, order), e => e.RuleCode == "distance");
        var admin = await flow.AsAsync("admin");
        var supervisor = await flow.AsAsync("supervisor");
        var agent = await flow.AsAsync("agent");

        var noReason = await admin.PostAsJsonAsync("/api/v1/settlement/corrections", new { entryId = distance.Id });
        await ProblemAssert.HasFieldErrorAsync(noReason, "reason", "required");
        var requested = await admin.PostAsJsonAsync("/api/v1/settlement/corrections", new { entryId = distance.Id, reason = "地址录错，实际 3 公里" });
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var correction = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Not approved yet: nothing posted. The requester cannot approve; nor can somebody without the approve permission.
        Assert.DoesNotContain(await CommissionPostingTests.EntriesAsync(flow, order), e => e.RuleCode == "reversal");
        await ProblemAssert.HasFieldErrorAsync(await admin.PostAsync($"/api/v1/settlement/corrections/{correction}/approve", null), "approver", "approver_is_requester");
        await ProblemAssert.HasFieldErrorAsync(await agent.PostAsync($"/api/v1/settlement/corrections/{correction}/approve", null), "approver", "approver_required");
        Assert.DoesNotContain(await CommissionPostingTests.EntriesAsync(flow, order), e => e.RuleCode == "reversal");

        var approved = await supervisor.PostAsync($"/api/v1/settlement/corrections/{correction}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var again = await supervisor.PostAsync($"/api/v1/settlement/corrections/{correction}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var entries = await CommissionPostingTests.EntriesAsync(flow, order);
        var reversal = Assert.Single(entries, e => e.RuleCode == "reversal");
        Assert.Equal((distance.Id, -1500L, "地址录错，实际 3 公里"), (reversal.ReversesId!.Value, reversal.AmountFen, reversal.Reason!));
        Assert.Equal(await flow.UserIdAsync("admin"), reversal.RequestedBy);
        Assert.Equal(await flow.UserIdAsync("supervisor"), reversal.ApprovedBy);
        Assert.Single(entries, e => e.Id == distance.Id && e.AmountFen == 1500); // the original is untouched
        var reRequest = await admin.PostAsJsonAsync("/api/v1/settlement/corrections", new { entryId = distance.Id, reason = "再冲一次" });
        await ProblemAssert.HasFieldErrorAsync(reRequest, "entryId", "already_reversed");
    }

    [Theory, AllProviders]
    public async Task Statements_of_a_closed_month_reconcile_to_the_ledger_to_the_fen_and_move_one_step_at_a_time(DatabaseKind kind)
    {
        await using var flow = await SettlementFlow.StartAsync(kind);
        var admin = await flow.AsAsync("admin");

        // Generated ledger: 40 engineers and 5 providers, 600 entries over October and November with odd amounts of both signs.
        var random = new Random(8);
        var engineers = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        var providers = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var october = new DateTimeOffset(2026, 10, 10, 12, 0, 0, TimeSpan.FromHours(8));
        await flow.App.DbAsync("demo-brand", db =>
        {
            for (var i = 0; i < 600; i++)
            {
                var provider = i % 7 == 0;
                var party = provider ? providers[random.Next(providers.Length)] : engineers[random.Next(engineers.Length)];
                var at = october.AddDays(random.Next(0, 45)).AddMinutes(random.Next(0, 600));
                var line = new CommissionLine(RuleCodes.All[random.Next(RuleCodes.All.Count)], random.Next(-9000, 20000), []);
                db.Add(LedgerEntry.Post(provider ? PartyKind.Provider : PartyKind.Engineer, party, Guid.NewGuid(), "WO" + i, line, 1, "gen:" + i, at));
            }

            return db.SaveChangesAsync();
        });

        var early = await admin.PostAsJsonAsync("/api/v1/settlement/months/close", new { period = 202611 });
        await ProblemAssert.HasFieldErrorAsync(early, "period", "period_not_over");
        flow.Clock.Advance(TimeSpan.FromDays(40)); // into December
        flow.ForgetTokens();
        admin = await flow.AsAsync("admin");
        foreach (var period in new[] { 202610, 202611 })
        {
            var closed = await admin.PostAsJsonAsync("/api/v1/settlement/months/close", new { period });
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }

        var ledger = await flow.App.DbAsync("demo-brand", db => db.Set<LedgerEntry>().ToListAsync());
        var statements = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settlement/statements?period=202611");
        var parties = ledger.Where(e => e.Period <= 202611).Select(e => e.PartyId).Distinct().ToList();
        Assert.Equal(parties.Count, statements.GetArrayLength());
        foreach (var s in statements.EnumerateArray())
        {
            var party = s.GetProperty("partyId").GetGuid();
            var mine = ledger.Where(e => e.PartyId == party).ToList();
            Assert.Equal(mine.Where(e => e.Period < 202611).Sum(e => e.AmountFen), s.GetProperty("openingFen").GetInt64());
            Assert.Equal(mine.Where(e => e.Period == 202611 && e.AmountFen > 0).Sum(e => e.AmountFen), s.GetProperty("creditsFen").GetInt64());
            Assert.Equal(mine.Where(e => e.Period == 202611 && e.AmountFen < 0).Sum(e => e.AmountFen), s.GetProperty("debitsFen").GetInt64());
            Assert.Equal(mine.Where(e => e.Period <= 202611).Sum(e => e.AmountFen), s.GetProperty("closingFen").GetInt64());
            Assert.Equal(mine.Count(e => e.Period == 202611), s.GetProperty("entryCount").GetInt32());
        }

        Assert.Equal(ledger.Where(e => e.Period <= 202611).Sum(e => e.AmountFen), statements.EnumerateArray().Sum(s => s.GetProperty("closingFen").GetInt64()));
        var october1 = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settlement/statements?period=202610");
        foreach (var s in statements.EnumerateArray())
        {
            var before = october1.EnumerateArray().FirstOrDefault(o => o.GetProperty("partyId").GetGuid() == s.GetProperty("partyId").GetGuid());
            Assert.Equal(before.ValueKind == JsonValueKind.Object ? before.GetProperty("closingFen").GetInt64() : 0, s.GetProperty("openingFen").GetInt64());
        }

        // The state machine: draft → issued → confirmed → paid, one step at a time; anything else is refused and changes nothing.
        var id = statements[0].GetProperty("id").GetGuid();
        async Task<HttpResponseMessage> Move(string action) =>
            await admin.PostAsJsonAsync($"/api/v1/settlement/statements/{id}/moves",
                new { action, expectedVersion = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/settlement/statements/{id}")).GetProperty("statement").GetProperty("version").GetInt64() });
        await ProblemAssert.IsProblemAsync(await Move("pay"), HttpStatusCode.Conflict, "illegal_statement_move");
        await ProblemAssert.IsProblemAsync(await Move("confirm"), HttpStatusCode.Conflict, "illegal_statement_move");
        Assert.Equal(HttpStatusCode.OK, (await Move("issue")).StatusCode);
        await ProblemAssert.IsProblemAsync(await Move("issue"), HttpStatusCode.Conflict, "illegal_statement_move");
        Assert.Equal(HttpStatusCode.OK, (await Move("confirm")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Move("pay")).StatusCode);
        await ProblemAssert.IsProblemAsync(await Move("issue"), HttpStatusCode.Conflict, "illegal_statement_move");
        var paid = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/settlement/statements/{id}");
        Assert.Equal("paid", paid.GetProperty("statement").GetProperty("state").GetString(), ignoreCase: true);
        Assert.Equal(paid.GetProperty("statement").GetProperty("entryCount").GetInt32(), paid.GetProperty("entries").GetArrayLength());

        // Closing the month again regenerates the drafts and keeps the paid one as it was.
        var reclosed = await admin.PostAsJsonAsync("/api/v1/settlement/months/close", new { period = 202611 });
        var result = await reclosed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((parties.Count - 1, 1), (result.GetProperty("generated").GetInt32(), result.GetProperty("kept").GetInt32()));
        Assert.Equal("paid", (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/settlement/statements/{id}")).GetProperty("statement").GetProperty("state").GetString(), ignoreCase: true);

        // The export: a summary sheet and an entries sheet.
        var xlsx = await admin.GetAsync("/api/v1/settlement/statements/export.xlsx?period=202611");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.Integrations;

public sealed class OrderIntakeTests
{
    [Theory, AllProviders]
    public async Task A_signed_order_opens_an_installation_per_unit_for_a_new_buyer_in_one_go(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        using var agent = await app.ApiAsAsync("agent");

        var response = await OrderApi.SendAsync(http, OrderApi.Order("TM20261111000001", quantity: 2, serials: ["WP600A0001"]));
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var workOrders = accepted.GetProperty("workOrderIds").EnumerateArray().Select(e => e.GetString()).ToList();
        var first = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{workOrders[0]}");
        var units = await app.DbAsync("demo-brand", db => db.Set<RegisteredUnit>().Where(u => u.OrderNumber == "TM20261111000001").OrderBy(u => u.SerialNumber)
            .Select(u => new { u.SerialNumber, u.Source, u.Channel }).ToListAsync());
        var stored = await app.DbAsync("demo-brand", db => db.Set<PlatformOrder>().SingleAsync());
        var tracked = await app.DbAsync("demo-brand", db => db.Set<WorkOrder>().Where(w => w.Id == Guid.Parse(workOrders[0]!)).Select(w => new { w.PreferredStart, w.AddressId, w.RegionCode, w.SlaDueAt }).SingleAsync());
        var events = await app.DbAsync(null, db => db.OutboxMessages.IgnoreQueryFilters().CountAsync(m => m.Type.Contains("WorkOrderCreated")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());
        Assert.Equal(2, workOrders.Count);
        Assert.Equal("installation", first.GetProperty("kind").GetString());
        Assert.Equal("created", first.GetProperty("state").GetString());
        Assert.Contains("天猫订单 TM20261111000001", first.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(["PENDING-", "WP600A0001"], units.Select(u => u.SerialNumber.StartsWith("PENDING-", StringComparison.Ordinal) ? "PENDING-" : u.SerialNumber));
        Assert.All(units, u => Assert.Equal((RegistrationSource.Platform, PurchaseChannel.Tmall), (u.Source, u.Channel)));
        Assert.DoesNotContain("13600000001", stored.PayloadCipher, StringComparison.Ordinal); // the raw payload is kept encrypted
        Assert.Equal("320508", tracked.RegionCode);
        Assert.NotNull(tracked.AddressId);
        Assert.NotNull(tracked.PreferredStart);
        Assert.NotNull(tracked.SlaDueAt);
        Assert.Equal(2, events); // dispatch picks the orders up from the outbox
        var buyer = await CustomerIdAsync(agent, "13600000001");
        var profile = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{buyer}");
        Assert.Equal("陈静😊", profile.GetProperty("name").GetString());
    }

    [Theory, AllProviders]
    public async Task Fifty_concurrent_copies_of_one_order_create_it_once_and_all_get_the_same_answer(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        var order = OrderApi.Order("TM20261111000050", phone: "13600000050", serials: ["WP600A0050"]);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => OrderApi.SendAsync(http, order)));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        var later = await OrderApi.SendAsync(http, order);

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Single(bodies.Distinct());
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(bodies[0], await later.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.Set<PlatformOrder>().CountAsync()));
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.Set<WorkOrder>().CountAsync(w => w.Kind == WorkOrderKind.Installation)));
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.Set<CustomerPhone>().CountAsync(p => p.Masked == "136****0050")));
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.Set<RegisteredUnit>().CountAsync(u => u.OrderNumber == "TM20261111000050")));
    }

    [Theory, AllProviders]
    public async Task Unsigned_forged_stale_or_unknown_key_calls_are_401_and_create_nothing(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(OrderApi.Order("TM20261111000401")));

        var forged = await OrderApi.PostAsync(http, "/api/v1/integrations/orders", body, secret: "not-the-secret-at-all");
        var stale = await OrderApi.PostAsync(http, "/api/v1/integrations/orders", body, at: TimeProvider.System.GetUtcNow().AddMinutes(-6));
        var unknown = await OrderApi.PostAsync(http, "/api/v1/integrations/orders", body, key: "no-such-key");
        var tampered = await OrderApi.PostAsync(http, "/api/v1/integrations/orders", body, signature: "sha256=" + new string('0', 64));
        var missing = await http.PostAsync("/api/v1/integrations/orders", new ByteArrayContent(body));

        foreach (var refused in new[] { forged, stale, unknown, tampered, missing })
        {
            await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized, "invalid_signature");
        }

        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.Set<PlatformOrder>().CountAsync()));
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.Set<RejectedOrder>().CountAsync())); // unsigned junk is not kept
    }

    [Theory, AllProviders]
    public async Task Invalid_content_lists_every_field_error_saves_no_part_of_the_order_and_is_kept_for_replay(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        var customersBefore = await app.DbAsync("demo-brand", db => db.Set<Customer>().CountAsync());

        var invalid = await OrderApi.SendAsync(http, new
        {
            platform = "taobao", platformOrderId = "TM20261111000422", shopId = "tmall-flagship",
            buyer = new { name = "赵", phone = "12345", address = new { regionCode = "999999", detail = "某处" } },
            items = new[] { new { sku = "NO-SUCH-SKU", quantity = 1 }, new { sku = "WP-RO600", quantity = 0 } },
            service = "install",
        });
        var malformed = await OrderApi.PostAsync(http, "/api/v1/integrations/orders", "{\"platform\": \"tmall\", "u8.ToArray());
        var wrongTypes = await OrderApi.PostAsync(http, "/api/v1/integrations/orders", "{\"platform\": 1, \"items\": \"many\"}"u8.ToArray());
        var tooLarge = await OrderApi.PostAsync(http, "/api/v1/integrations/orders", new byte[10 * 1024 * 1024]);
        var badUtf8 = await OrderApi.PostAsync(http, "/api/v1/integrations/orders", [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]);

        var problem = await ProblemAssert.IsProblemAsync(invalid, HttpStatusCode.UnprocessableEntity, "validation_failed");
        Assert.Equal(["platform:invalid_format", "paidAt:required", "items[0].sku:unknown_sku", "items[1].quantity:out_of_range", "buyer.phone:invalid_phone",
            "buyer.address.regionCode:unknown_region"], Fields(problem));
        await ProblemAssert.IsProblemAsync(malformed, HttpStatusCode.BadRequest, "malformed_json");
        await ProblemAssert.IsProblemAsync(wrongTypes, HttpStatusCode.BadRequest, "malformed_json");
        await ProblemAssert.IsProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await ProblemAssert.IsProblemAsync(badUtf8, HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(customersBefore, await app.DbAsync("demo-brand", db => db.Set<Customer>().CountAsync()));
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.Set<WorkOrder>().CountAsync()));
        var rejected = await app.DbAsync("demo-brand", db => db.Set<RejectedOrder>().OrderBy(r => r.ReceivedAt).ToListAsync());
        Assert.Equal(4, rejected.Count);
        Assert.Contains("items[0].sku:unknown_sku", rejected[0].Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("12345", rejected[0].PayloadCipher, StringComparison.Ordinal);
    }

    [Theory, AllProviders]
    public async Task A_cancelled_platform_order_cancels_the_work_not_yet_started(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        using var agent = await app.ApiAsAsync("agent");
        var accepted = await (await OrderApi.SendAsync(http, OrderApi.Order("TM20261111000777", phone: "13600000777", quantity: 2))).Content.ReadFromJsonAsync<JsonElement>();
        var ids = accepted.GetProperty("workOrderIds").EnumerateArray().Select(e => e.GetString()).ToList();

        var cancelled = await OrderApi.PostAsync(http, "/api/v1/integrations/orders/tmall/TM20261111000777/cancel", "{\"reason\":\"买家退款\"}"u8.ToArray());
        var body = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        var first = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{ids[0]}");
        var again = await OrderApi.SendAsync(http, OrderApi.Order("TM20261111000777", phone: "13600000777", quantity: 2));
        var unknown = await OrderApi.PostAsync(http, "/api/v1/integrations/orders/tmall/NOPE/cancel", "{}"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(2, body.GetProperty("cancelledWorkOrderIds").GetArrayLength());
        Assert.Equal("cancelled", first.GetProperty("state").GetString());
        Assert.Equal("买家退款", first.GetProperty("timeline").EnumerateArray().Last().GetProperty("reason").GetString());
        Assert.Equal("cancelled", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "not_found");
    }

    [Theory, AllProviders]
    public async Task A_batch_reports_each_orders_outcome_on_its_own(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        await OrderApi.SendAsync(http, OrderApi.Order("JD0002", phone: "13600000002"));
        var batch = new
        {
            orders = new object[]
            {
                OrderApi.Order("JD0001", phone: "13600000001"),
                OrderApi.Order("JD0002", phone: "13600000002"),
                OrderApi.Order("JD0003", phone: "13600000003", sku: "NOPE"),
                OrderApi.Order("JD0004", phone: "13600000004", service: "none"),
            },
        };

        var response = await OrderApi.PostAsync(http, "/api/v1/integrations/orders:batch", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(batch)));
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var statuses = result.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetInt32()).ToArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([202, 200, 422, 202], statuses);
        Assert.Equal("items[0].sku", result.GetProperty("results")[2].GetProperty("problem").GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal(0, result.GetProperty("results")[3].GetProperty("result").GetProperty("workOrderIds").GetArrayLength()); // nothing to install
        Assert.Equal(3, await app.DbAsync("demo-brand", db => db.Set<PlatformOrder>().CountAsync()));
    }

    [Theory, AllProviders]
    public async Task The_installers_scan_gives_a_unit_bought_without_a_serial_its_serial(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var accepted = await (await OrderApi.SendAsync(http, OrderApi.Order("DY20261111000123", phone: "13600000123"))).Content.ReadFromJsonAsync<JsonElement>();
        var order = accepted.GetProperty("workOrderIds")[0].GetString()!;
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        var start = new DateTimeOffset(NextWeekday().ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        foreach (var (client, body) in new (HttpClient, object)[]
                 {
                     (dispatcher, new { action = "assign", expectedVersion = 0, assigneeId = engineerId }),
                     (engineer, new { action = "accept", expectedVersion = 1 }),
                     (engineer, new { action = "schedule", expectedVersion = 2, window = new { start, end = start.AddHours(2) } }),
                     (engineer, new { action = "checkIn", expectedVersion = 3 }),
                 })
        {
            Assert.True((await client.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", body)).IsSuccessStatusCode);
        }

        for (var i = 0; i < 4; i++)
        {
            await engineer.PostAsync($"/api/v1/work-orders/{order}/attachments", WorkOrders.EvidenceTests.Photo(WorkOrders.EvidenceTests.Jpeg()));
        }

        var code = await WorkOrders.CompletionCodeTests.SendAsync(app, engineer, order);
        var taken = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "complete", expectedVersion = 4, barcode = "RVX2000000001", verificationCode = code });
        var completed = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "complete", expectedVersion = 4, barcode = "wp600new0001", verificationCode = code });
        var serial = await app.DbAsync("demo-brand", db => db.Set<RegisteredUnit>().Where(u => u.OrderNumber == "DY20261111000123").Select(u => u.SerialNumber).SingleAsync());

        Assert.Equal(["barcode:serial_taken"], Fields(await ProblemAssert.IsProblemAsync(taken, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode); // the refusal above did not spend the customer's code
        Assert.Equal("WP600NEW0001", serial);
    }

    [Theory, AllProviders]
    public async Task A_large_order_of_120_units_with_serials_is_kept_whole(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        var items = Enumerable.Range(0, 6).Select(i => new
        {
            sku = i % 2 == 0 ? "WP-RO600" : "RV-X20", quantity = 20,
            serialNumbers = Enumerable.Range(0, 20).Select(n => $"BULK{i:D2}{n:D4}XYZ").ToArray(),
        }).ToArray();
        var order = new
        {
            platform = "jd", platformOrderId = "JD-BULK-0001", shopId = "jd-enterprise", paidAt = TimeProvider.System.GetUtcNow().AddMinutes(-1),
            buyer = new { name = "苏州某酒店", phone = "13600000120", address = new { regionCode = "320508", detail = "干将西路 1 号" } },
            items, service = "install", remark = new string('备', 400),
        };

        var response = await OrderApi.SendAsync(http, order);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(120, body.GetProperty("workOrderIds").GetArrayLength());
        var stored = await app.DbAsync("demo-brand", db => db.Set<PlatformOrder>().SingleAsync());
        Assert.Equal(120, stored.WorkOrders.Count);
        Assert.Equal(HttpStatusCode.OK, (await OrderApi.SendAsync(http, order)).StatusCode);
    }
}

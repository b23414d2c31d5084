using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.Integrations.Features.PlatformAdapters;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CareLoop.Tests.Modules.Integrations;

public sealed class PlatformAdapterTests
{
    [Theory, AllProviders]
    public async Task Tmall_and_jd_pushes_in_their_own_shapes_become_orders_with_region_names_resolved(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        var tmall = new
        {
            tid = 4021998877665544L, seller_nick = "净水旗舰店", pay_time = "2026-11-11 00:00:05",
            receiver_name = "周敏", receiver_mobile = "13600000211", receiver_state = "江苏省", receiver_city = "苏州市", receiver_district = "姑苏区",
            receiver_address = "观前街 8 号", buyer_message = "周末安装",
            orders = new { order = new[] { new { outer_sku_id = "WP-RO600", num = 1, sn_list = new[] { "WP600TM0001" } } } },
        };
        var jd = new
        {
            orderId = "312345678901", venderId = "10086", paymentConfirmTime = "2026-11-11 00:01:00", installType = "送装一体", orderRemark = "电梯房",
            consigneeInfo = new { fullname = "吴刚", mobile = "13600000212", province = "北京", city = "北京市", county = "朝阳区", fullAddress = "建国路 88 号" },
            itemInfoList = new[] { new { outerSkuId = "RV-X20", itemTotal = 2 } },
        };

        var fromTmall = await Send(http, "tmall", tmall);
        var fromJd = await Send(http, "jd", jd);
        var unknown = await Send(http, "pinduoduo", jd);
        var orders = await app.DbAsync("demo-brand", db => db.Set<PlatformOrder>().OrderBy(o => o.Platform).Select(o => new { o.Platform, o.PlatformOrderId, o.PaidAt }).ToListAsync());
        var serial = await app.DbAsync("demo-brand", db => db.Set<RegisteredUnit>().CountAsync(u => u.SerialNumber == "WP600TM0001"));
        var beijing = await app.DbAsync("demo-brand", db => db.Set<CustomerAddress>().CountAsync(a => a.DistrictCode == "110105" && a.Detail == "建国路 88 号"));

        Assert.Equal(HttpStatusCode.Accepted, fromTmall.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fromJd.StatusCode);
        await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound, "not_found");
        Assert.Equal(2, (await fromJd.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workOrderIds").GetArrayLength());
        Assert.Equal(("jd", "312345678901"), (orders[0].Platform, orders[0].PlatformOrderId));
        Assert.Equal(("tmall", "4021998877665544"), (orders[1].Platform, orders[1].PlatformOrderId));
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 16, 0, 5, TimeSpan.Zero), orders[1].PaidAt); // 00:00:05 in China
        Assert.Equal(1, serial);
        Assert.Equal(1, beijing); // "北京 / 北京市 / 朝阳区" is the municipality's district 110105
    }

    [Theory, AllProviders]
    public async Task Douyin_buyer_fields_are_decrypted_only_to_put_the_buyer_on_file_and_stay_encrypted_in_the_payload(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();
        using var agent = await app.ApiAsAsync("agent");
        var sandbox = app.Services.GetRequiredService<LocalDouyinDecryptor>();
        var douyin = new
        {
            shop_order_id = "6920000000000000001", shop_id = 7788, pay_time = TimeProvider.System.GetUtcNow().AddMinutes(-1).ToUnixTimeSeconds(),
            encrypt_post_receiver = sandbox.Encrypt("孙丽", '#'), encrypt_post_tel = sandbox.Encrypt("13600000213", '$'),
            post_addr = new { province = new { name = "广东省" }, city = new { name = "深圳市" }, town = new { name = "南山区" }, encrypt_detail = sandbox.Encrypt("科技园 1 栋 1001", '~') },
            sku_order_list = new[] { new { out_sku_id = "RV-X20", item_num = 1 } },
        };

        var response = await Send(http, "douyin", douyin);
        var broken = await Send(http, "douyin", new
        {
            shop_order_id = "6920000000000000002", shop_id = 7788, pay_time = douyin.pay_time, encrypt_post_receiver = "#bm90IGNpcGhlcg==#1#", encrypt_post_tel = "$bm90$1$",
            post_addr = douyin.post_addr, sku_order_list = douyin.sku_order_list,
        });
        var stored = await app.DbAsync("demo-brand", db => db.Set<PlatformOrder>().SingleAsync());
        var protector = app.Services.GetRequiredService<CareLoop.Platform.Security.PersonalDataProtector>();
        var payload = protector.Decrypt(stored.PayloadCipher);
        var customer = await Customers.CustomerApi.CustomerIdAsync(agent, "13600000213");
        var profile = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(douyin.encrypt_post_tel, JsonDocument.Parse(payload).RootElement.GetProperty("encrypt_post_tel").GetString()); // the payload keeps Douyin's ciphertext...
        Assert.DoesNotContain("13600000213", payload, StringComparison.Ordinal); // ...never the plain phone
        Assert.Equal("孙丽", profile.GetProperty("name").GetString());
        Assert.Equal(["buyer.name:required", "buyer.phone:required"],
            Customers.CustomerApi.Fields(await ProblemAssert.IsProblemAsync(broken, HttpStatusCode.UnprocessableEntity, "validation_failed")));
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, string platform, object native) =>
        OrderApi.PostAsync(http, $"/api/v1/integrations/platforms/{platform}/orders", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(native)));
}

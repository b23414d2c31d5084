using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Modules.Integrations.Domain;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CareLoop.Tests.Modules.Integrations;

public sealed class ImportOrdersTests
{
    private const string Path = "/api/v1/integrations/order-imports";

    /// <summary>Yesterday at 20:15 China time, as exports write it.</summary>
    private static readonly string PaidAt = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow().AddDays(-1), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"))
        .ToString("yyyy-MM-dd 20:15:00", CultureInfo.InvariantCulture);

    [Theory, AllProviders]
    public async Task Tmall_JD_Douyin_and_template_exports_are_recognised_and_their_order_lines_grouped_into_orders(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var shop = app.Http();
        // Received through the signed API first: the export's copy of it is "already received".
        Assert.Equal(HttpStatusCode.Accepted, (await OrderApi.SendAsync(shop, OrderApi.Order("TM-API-1", phone: "13600000009"))).StatusCode);

        var tmall = Csv(
            "订单编号,买家会员名,收货人姓名,联系手机,收货地址,宝贝标题,商家编码,购买数量,付款时间,买家留言",
            $"=\"TM-1001\",tb_buyer,陈静,'13600000101,江苏省 苏州市 姑苏区 观前街 1 号,净水器,WP-RO600,2,{PaidAt},周末在家",
            $"=\"TM-1001\",tb_buyer,陈静,'13600000101,江苏省 苏州市 姑苏区 观前街 1 号,扫地机,RV-X20,1,{PaidAt},",
            $"TM-API-1,tb_other,陈静,13600000009,江苏省 苏州市 姑苏区 观前街 1 号 2 幢 302 室,净水器,WP-RO600,1,{PaidAt},");
        var jd = Xlsx(
            Row(("订单号", "JD-2001"), ("客户姓名", "王芳"), ("联系电话", "13600000201"), ("省", "江苏"), ("市", "苏州"), ("县", "吴中区"),
                ("客户地址", "江苏苏州吴中区东吴北路 8 号"), ("商品编号", "WP-RO600"), ("订购数量", 1d), ("付款确认时间", PaidAt), ("订单备注", null)),
            Row(("订单号", "JD-2002"), ("客户姓名", "李强"), ("联系电话", "13600000202"), ("省", "江苏省"), ("市", "苏州市"), ("县", "虎丘区"),
                ("客户地址", "狮山路 1 号"), ("商品编号", "RV-X20"), ("订购数量", 1d), ("付款确认时间", PaidAt), ("订单备注", "下午")));
        var douyin = Csv(
            "主订单编号,子订单编号,收件人,收件人手机号,省,市,区,街道,详细地址,商家编码,商品数量,支付完成时间,买家留言",
            $"DY-3001,DY-3001-1,赵敏,13600000301,江苏省,苏州市,虎丘区,狮山街道,狮山路 9 号,RV-X20,1,{PaidAt},",
            $"DY-3001,DY-3001-2,赵敏,13600000301,江苏省,苏州市,虎丘区,狮山街道,狮山路 9 号,WP-RO600,1,{PaidAt},");
        var generic = Csv(
            "platformOrderId,buyerName,phone,regionCode,address,sku,quantity,serialNumbers,service,paidAt,preferredStart,preferredEnd,remark,platform",
            $"G-4001,周杰,13600000401,320508,干将路 2 号,WP-RO600,2,WP6700000001；WP6700000002,送装一体,{PaidAt},,,,京东",
            $"G-4002,孙丽,13600000402,320508,干将路 3 号,RV-X20,1,,无需安装,{PaidAt},,,,");

        var tmallJob = await ImportAsync(admin, tmall, "天猫订单.csv");
        var jdJob = await ImportAsync(admin, jd, "京东订单.xlsx");
        var douyinJob = await ImportAsync(admin, douyin, "抖店订单.csv");
        var genericJob = await ImportAsync(admin, generic, "orders.csv");

        Assert.Equal(("tmall", 3, 1, 1, 0, 3), Counts(tmallJob));
        Assert.Equal(("jd", 2, 2, 0, 0, 2), Counts(jdJob));
        Assert.Equal(("douyin", 2, 1, 0, 0, 2), Counts(douyinJob));
        Assert.Equal(("generic", 2, 2, 0, 0, 2), Counts(genericJob));
        var orders = await app.DbAsync("demo-brand", db => db.Set<PlatformOrder>().AsNoTracking().ToDictionaryAsync(o => o.PlatformOrderId, o => (o.Platform, o.ShopId)));
        var paidAt = await app.DbAsync("demo-brand", db => db.Set<PlatformOrder>().AsNoTracking().Where(o => o.PlatformOrderId == "JD-2001").Select(o => o.PaidAt).SingleAsync());
        Assert.Equal(new DateTimeOffset(DateTime.ParseExact(PaidAt, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.FromHours(8)), paidAt);
        Assert.Equal(("tmall", "demo-shop"), orders["TM-1001"]);
        Assert.Equal(("jd", "demo-shop"), orders["JD-2001"]);
        Assert.Equal(("douyin", "demo-shop"), orders["DY-3001"]);
        Assert.Equal(("jd", "demo-shop"), orders["G-4001"]);
        Assert.Equal(("other", "demo-shop"), orders["G-4002"]);
        var addresses = await app.DbAsync("demo-brand", db => db.Set<Customer>().AsNoTracking().Where(c => new[] { "陈静", "王芳", "赵敏" }.Contains(c.Name))
            .SelectMany(c => c.Addresses).Select(a => a.DistrictCode + " " + a.Detail).ToListAsync());
        Assert.Contains("320508 观前街 1 号", addresses);
        Assert.Contains("320506 东吴北路 8 号", addresses);
        Assert.Contains("320505 狮山路 9 号", addresses);
        var serials = await app.DbAsync("demo-brand", db => db.Set<RegisteredUnit>().AsNoTracking().Where(u => u.OrderNumber == "G-4001").Select(u => u.SerialNumber).ToListAsync());
        Assert.Equal(["WP6700000001", "WP6700000002"], serials.Order());
        var tmallWork = await app.DbAsync("demo-brand", db => db.Set<WorkOrder>().AsNoTracking().Where(w => w.Description.Contains("TM-1001")).Select(w => w.Description).ToListAsync());
        Assert.Equal(3, tmallWork.Count);
        Assert.All(tmallWork, d => Assert.Contains("买家备注：周末在家", d, StringComparison.Ordinal));
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.Set<RejectedOrder>().CountAsync()));
    }

    [Theory, AllProviders]
    public async Task Refused_orders_are_reported_by_row_and_column_save_nothing_and_importing_the_file_again_changes_nothing(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        var sheet = Csv(
            "平台订单号,买家姓名,手机号,区县代码,详细地址,型号,数量,序列号,服务类型,付款时间",
            $"OK-1,钱一,13700000001,320508,人民路 1 号,WP-RO600,1,,,{PaidAt}",
            $"OK-1,钱一,13700000001,320508,人民路 1 号,RV-X20,1,,,{PaidAt}",
            $"BAD-SKU,钱二,13700000002,320508,人民路 2 号,WP-RO600,1,,,{PaidAt}",
            $"BAD-SKU,钱二,13700000002,320508,人民路 2 号,NOPE-1,1,,,{PaidAt}",
            $"BAD-PHONE,钱三,1381234567,320508,人民路 3 号,WP-RO600,1,,,{PaidAt}",
            "BAD-QTY,钱四,13700000004,320508,人民路 4 号,WP-RO600,两台,,,昨天",
            $"BAD-REGION,钱五,13700000005,999999,人民路 5 号,WP-RO600,1,,,{PaidAt}",
            $"OK-2,钱六,13700000006,320508,人民路 6 号,RV-X20,1,,,{PaidAt}",
            $"OK-1,钱一,13700000001,320508,人民路 1 号,WP-RO600,1,,,{PaidAt}");

        var before = await CountsAsync(app);
        var first = await ImportAsync(admin, sheet, "orders.csv");
        var report = await admin.GetAsync($"{Path}/{first.GetProperty("id").GetString()}/errors.xlsx");
        var reportRows = MiniExcel.Query(await report.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Select(r => $"{r["行号"]}:{r["列"]}:{r["值"]}:{r["原因"]}").ToList();
        var afterFirst = await CountsAsync(app);
        var second = await ImportAsync(admin, sheet, "orders.csv");

        Assert.Equal(9, first.GetProperty("totalRows").GetInt32());
        Assert.Equal(("generic", 9, 2, 0, 5, 3), Counts(first));
        Assert.Equal(6, first.GetProperty("rejectedRows").GetInt32());
        Assert.Equal(
        [
            "5:型号:NOPE-1:型号 NOPE-1 不存在。",
            "6:手机号:138****67:不是有效的手机号码。",
            "7:数量:两台:格式不正确。",
            "7:付款时间:昨天:格式不正确。",
            "8:区县代码:999999:未知的区县代码“999999”（需 GB/T 2260 区县级代码）。",
            "10:平台订单号:OK-1:重复：OK-1。",
        ], reportRows);
        Assert.Equal(("generic", 9, 0, 2, 5, 0), Counts(second));
        Assert.Equal(afterFirst, await CountsAsync(app));
        Assert.Equal((2, 3, 2), (afterFirst.Orders - before.Orders, afterFirst.WorkOrders - before.WorkOrders, afterFirst.Customers - before.Customers));
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.Set<Customer>().CountAsync(c => c.Name == "钱二" || c.Name == "钱三")));
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.Set<RejectedOrder>().CountAsync()));
        Assert.DoesNotContain(Directory.EnumerateFiles(app.FilesRoot, "*", SearchOption.AllDirectories), p => p.Contains("/order-import/", StringComparison.Ordinal));
        Assert.Equal(2, await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action == "platform-orders.imported")));
    }

    [Theory, AllProviders]
    public async Task A_wrong_upload_is_refused_at_once_with_field_errors_and_only_integration_managers_may_import(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var supervisor = await app.ApiAsAsync("supervisor");
        var good = Csv("订单编号,收货人姓名,联系手机,收货地址,商家编码,购买数量,付款时间", $"TM-9,陈静,13600000101,江苏省 苏州市 姑苏区 观前街 1 号,WP-RO600,1,{PaidAt}");
        var revokedKey = (await (await admin.PostAsJsonAsync("/api/v1/integration-keys", new { name = "旧店", shopId = "old-shop" })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("key").GetProperty("id").GetString()!;
        await admin.PostAsync($"/api/v1/integration-keys/{revokedKey}/revocation", null);

        var missingColumns = await admin.PostAsync(Path, Form(Csv("订单编号,收货人姓名,收货地址,商家编码", "TM-9,陈静,观前街 1 号,WP-RO600"), "tmall.csv"));
        var noOrderColumn = await admin.PostAsync(Path, Form(Csv("名字,备注", "甲,1"), "x.csv"));
        var image = await admin.PostAsync(Path, Form(CareLoop.Tests.Modules.Customers.SelfRegistrationTests.Png, "x.xlsx"));
        var empty = await admin.PostAsync(Path, Form(Csv("平台订单号,买家姓名,手机号,详细地址,型号,付款时间"), "empty.csv"));
        var unknownKey = await admin.PostAsync(Path, Form(good, "t.csv", "ik_nope"));
        var revoked = await admin.PostAsync(Path, Form(good, "t.csv", revokedKey));
        var noKey = await admin.PostAsync(Path, Form(good, "t.csv", null));
        var big = new byte[(32 * 1024 * 1024) + (100 * 1024)];
        good.CopyTo(big, 0);
        Array.Fill(big, (byte)'x', good.Length, big.Length - good.Length);
        var tooLarge = await admin.PostAsync(Path, Form(big, "big.csv"));
        var forbidden = await supervisor.PostAsync(Path, Form(good, "t.csv"));
        var forbiddenList = await supervisor.GetAsync(Path);
        var template = await admin.GetAsync($"{Path}/template.xlsx");
        var templateBytes = await template.Content.ReadAsByteArrayAsync();
        var fromTemplate = await ImportAsync(admin, templateBytes, "template.xlsx");

        var headers = await ProblemAssert.IsProblemAsync(missingColumns, HttpStatusCode.UnprocessableEntity, "import_headers");
        Assert.Contains("联系手机、付款时间", headers.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("缺少必需的列：联系手机、付款时间。", FieldError(headers, "file"));
        var none = await ProblemAssert.IsProblemAsync(noOrderColumn, HttpStatusCode.UnprocessableEntity, "import_headers");
        Assert.Contains("平台订单号、买家姓名、手机号、详细地址、型号、付款时间", none.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("请上传 CSV 或 XLSX 表格。", FieldError(await ProblemAssert.IsProblemAsync(image, HttpStatusCode.UnprocessableEntity, "validation_failed"), "file"));
        Assert.Equal("表格里没有数据行。", FieldError(await ProblemAssert.IsProblemAsync(empty, HttpStatusCode.UnprocessableEntity, "validation_failed"), "file"));
        Assert.Equal("不存在。", FieldError(await ProblemAssert.IsProblemAsync(unknownKey, HttpStatusCode.UnprocessableEntity, "validation_failed"), "keyId"));
        Assert.Equal($"密钥 {revokedKey} 已吊销。", FieldError(await ProblemAssert.IsProblemAsync(revoked, HttpStatusCode.UnprocessableEntity, "validation_failed"), "keyId"));
        Assert.Equal("必填。", FieldError(await ProblemAssert.IsProblemAsync(noKey, HttpStatusCode.UnprocessableEntity, "validation_failed"), "keyId"));
        Assert.Equal("文件不能超过 32 MB。", FieldError(await ProblemAssert.IsProblemAsync(tooLarge, HttpStatusCode.UnprocessableEntity, "validation_failed"), "file"));
        await ProblemAssert.IsProblemAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.IsProblemAsync(forbiddenList, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, template.StatusCode);
        Assert.Equal(("generic", 2, 1, 0, 0, 2), Counts(fromTemplate));
        Assert.Equal(0, await app.DbAsync("demo-brand", db => db.Set<OrderImport>().CountAsync(j => j.FileName != "template.xlsx")));
    }

    private static (string Layout, int Rows, int Accepted, int Repeated, int Rejected, int WorkOrders) Counts(JsonElement job)
    {
        Assert.Equal("completed", job.GetProperty("status").GetString());
        return (job.GetProperty("layout").GetString()!, job.GetProperty("processedRows").GetInt32(), job.GetProperty("acceptedOrders").GetInt32(),
            job.GetProperty("repeatedOrders").GetInt32(), job.GetProperty("rejectedOrders").GetInt32(), job.GetProperty("createdWorkOrders").GetInt32());
    }

    private static string? FieldError(JsonElement problem, string field) =>
        problem.GetProperty("errors").EnumerateArray().Where(e => e.GetProperty("field").GetString() == field).Select(e => e.GetProperty("message").GetString()).FirstOrDefault();

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    private static Dictionary<string, object?> Row(params (string Header, object? Value)[] cells) => cells.ToDictionary(c => c.Header, c => c.Value);

    private static byte[] Xlsx(params Dictionary<string, object?>[] rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static MultipartFormDataContent Form(byte[] content, string name, string? keyId = OrderApi.DemoKey)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        if (keyId is not null)
        {
            form.Add(new StringContent(keyId), "keyId");
        }

        return form;
    }

    /// <summary>Uploads and waits for the background job (polling the API like the page does).</summary>
    private static async Task<JsonElement> ImportAsync(HttpClient client, byte[] content, string name)
    {
        var queued = await client.PostAsync(Path, Form(content, name));
        Assert.True(queued.StatusCode == HttpStatusCode.Accepted, await queued.Content.ReadAsStringAsync());
        var location = queued.Headers.Location!.ToString();
        for (var i = 0; i < 600; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(location);
            if (job.GetProperty("status").GetString() is "completed" or "failed")
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The import did not finish in 60 s.");
    }

    private static Task<(int Orders, int WorkOrders, int Customers)> CountsAsync(CareLoopApp app) =>
        app.DbAsync("demo-brand", async db => (await db.Set<PlatformOrder>().CountAsync(), await db.Set<WorkOrder>().CountAsync(), await db.Set<Customer>().CountAsync()));
}

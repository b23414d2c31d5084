using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CareLoop.Tests.Modules.Customers;

public sealed class ImportCustomersTests
{
    private const int ValidRows = 1_100;

    [Theory, AllProviders]
    public async Task A_sheet_is_imported_in_batches_with_an_error_report_and_importing_it_again_changes_nothing(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        var sheet = Xlsx(SampleRows());

        var first = await ImportAsync(admin, sheet, "客户.xlsx");
        var afterFirst = await CountsAsync(app);
        var report = await admin.GetAsync($"/api/v1/customer-imports/{first.GetProperty("id").GetString()}/errors.xlsx");
        var reportRows = MiniExcel.Query(await report.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Select(r => $"{r["行号"]}:{r["列"]}:{r["原因"]}").ToList();
        var second = await ImportAsync(admin, sheet, "客户.xlsx");
        var afterSecond = await CountsAsync(app);

        Assert.Equal("completed", first.GetProperty("status").GetString());
        Assert.Equal(ValidRows + 9, first.GetProperty("totalRows").GetInt32());
        Assert.Equal(ValidRows + 9, first.GetProperty("processedRows").GetInt32());
        Assert.Equal(ValidRows, first.GetProperty("createdCustomers").GetInt32());
        Assert.Equal(ValidRows + 1, first.GetProperty("createdUnits").GetInt32());
        Assert.Equal(8, first.GetProperty("rejectedRows").GetInt32());
        Assert.Equal(
        [
            $"{ValidRows + 3}:手机号:不是有效的手机号码。",
            $"{ValidRows + 4}:区县代码:未知的区县代码（需 GB/T 2260 区县级代码）。",
            $"{ValidRows + 5}:型号:没有这个型号。",
            $"{ValidRows + 6}:序列号:序列号不符合该型号的格式。",
            $"{ValidRows + 7}:购买日期:日期不能晚于今天。",
            $"{ValidRows + 8}:序列号:该序列号在文件中重复出现，仅导入第一行。",
            $"{ValidRows + 9}:序列号:该序列号已登记在另一位客户名下。",
            $"{ValidRows + 10}:姓名:必填。",
            $"{ValidRows + 10}:购买渠道:格式不正确（日期如 2026-01-31；渠道为 天猫/京东/抖音/线下/其他）。",
        ], reportRows);
        Assert.Equal(ValidRows + 1, second.GetProperty("skippedRows").GetInt32());
        Assert.Equal(0, second.GetProperty("createdUnits").GetInt32());
        Assert.Equal(0, second.GetProperty("createdCustomers").GetInt32());
        Assert.Equal(afterFirst, afterSecond);
        Assert.DoesNotContain(Directory.EnumerateFiles(app.FilesRoot, "*", SearchOption.AllDirectories), path => path.Contains("/import/", StringComparison.Ordinal));
        var linked = await app.DbAsync("demo-brand", db => db.Set<RegisteredUnit>().Where(u => u.SerialNumber == "WP6900000001")
            .Select(u => db.Set<Customer>().Where(c => c.Id == u.CustomerId).Select(c => c.Name).Single()).SingleAsync());
        Assert.Equal("张伟", linked);
    }

    [Theory, AllProviders]
    public async Task A_CSV_imports_too_and_a_file_without_the_required_columns_or_not_a_sheet_is_refused_at_once(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");
        var csv = Encoding.UTF8.GetBytes("姓名,手机号,区县代码,详细地址,型号,序列号,购买日期,购买渠道,订单号\n钱一,13700009999,320505,狮山路 8 号,RV-X20,RVX2000009999,2026-03-01,天猫,TM1\n");

        var imported = await ImportAsync(admin, csv, "units.csv");
        var noColumns = await admin.PostAsync("/api/v1/customer-imports", File(Encoding.UTF8.GetBytes("名字,备注\n甲,1\n"), "x.csv"));
        var image = await admin.PostAsync("/api/v1/customer-imports", File(SelfRegistrationTests.Png, "x.xlsx"));
        var forbidden = await agent.PostAsync("/api/v1/customer-imports", File(csv, "units.csv"));

        Assert.Equal(1, imported.GetProperty("createdUnits").GetInt32());
        var problem = await ProblemAssert.IsProblemAsync(noColumns, HttpStatusCode.UnprocessableEntity, "import_headers");
        Assert.Contains("姓名、手机号、型号、序列号", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(image, HttpStatusCode.UnprocessableEntity, "validation_failed");
        await ProblemAssert.IsProblemAsync(forbidden, HttpStatusCode.Forbidden, "forbidden");
        var address = await app.DbAsync("demo-brand", db => db.Set<Customer>().Where(c => c.Name == "钱一").SelectMany(c => c.Addresses).Select(a => a.DistrictName).SingleAsync());
        Assert.Equal("虎丘区", address);
    }

    [Theory, AllProviders]
    public async Task The_export_carries_full_phones_for_those_allowed_and_re_imports_as_a_no_op(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var admin = await app.ApiAsAsync("admin");
        using var agent = await app.ApiAsAsync("agent");

        var export = await admin.GetAsync("/api/v1/customers/export.xlsx");
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var before = await CountsAsync(app);
        var again = await ImportAsync(admin, bytes, "export.xlsx");
        var denied = await agent.GetAsync("/api/v1/customers/export.xlsx");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains(rows, r => (string?)r["姓名"] == "张伟" && ImportText(r["手机号"]) == "13812345678" && (string?)r["序列号"] == "RVX2000000001");
        Assert.Equal(0, again.GetProperty("createdUnits").GetInt32() + again.GetProperty("createdCustomers").GetInt32());
        Assert.Equal(before, await CountsAsync(app));
        await ProblemAssert.IsProblemAsync(denied, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(1, await app.DbAsync("demo-brand", db => db.AuditEvents.CountAsync(a => a.Action == "customers.exported")));
    }

    private static string? ImportText(object? cell) => cell is double d ? d.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : cell?.ToString();

    private static IEnumerable<Dictionary<string, object?>> SampleRows()
    {
        static Dictionary<string, object?> Row(string? name, string phone, string? region, string sku, string serial, string? date, string? channel) => new()
        {
            ["姓名"] = name, ["手机号"] = phone, ["区县代码"] = region, ["详细地址"] = region is null ? null : "测试路 1 号", ["型号"] = sku,
            ["序列号"] = serial, ["购买日期"] = date, ["购买渠道"] = channel, ["订单号"] = null,
        };

        for (var i = 0; i < ValidRows; i++)
        {
            yield return Row($"导入客户{i}", $"1370000{i:D4}", i % 2 == 0 ? "320505" : null, "WP-RO600", $"WP68{i:D8}", "2026-01-15", "京东");
        }

        yield return Row("张伟", "13812345678", null, "WP-RO600", "WP6900000001", "2026-02-01", "天猫");  // links the existing customer
        yield return Row("坏手机", "12345", null, "WP-RO600", "WP6900000002", null, null);
        yield return Row("坏地区", "13700100001", "999999", "WP-RO600", "WP6900000003", null, null);
        yield return Row("坏型号", "13700100002", null, "NOPE-1", "X1", null, null);
        yield return Row("坏序列号", "13700100003", null, "WP-RO600", "ABC", null, null);
        yield return Row("未来日期", "13700100004", null, "WP-RO600", "WP6900000004", "2099-01-01", null);
        yield return Row("重复", "13700100005", null, "WP-RO600", "WP6800000000", null, null);
        yield return Row("别人的", "13700100006", null, "RV-X20", "RVX2000000001", null, null);
        yield return Row(null, "13700100007", null, "WP-RO600", "WP6900000005", null, "拼多多");
    }

    private static byte[] Xlsx(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static MultipartFormDataContent File(byte[] content, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return form;
    }

    /// <summary>Uploads and waits for the background job (polling the API like the page does).</summary>
    private static async Task<JsonElement> ImportAsync(HttpClient client, byte[] content, string name)
    {
        var queued = await client.PostAsync("/api/v1/customer-imports", File(content, name));
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
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

    private static Task<(int Customers, int Units)> CountsAsync(CareLoopApp app) =>
        app.DbAsync("demo-brand", async db => (await db.Set<Customer>().CountAsync(), await db.Set<RegisteredUnit>().CountAsync()));
}

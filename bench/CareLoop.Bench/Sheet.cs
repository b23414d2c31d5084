using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bogus;
using CareLoop.Modules.Customers;
using CareLoop.Modules.Customers.Domain;
using MiniExcelLibs;

namespace CareLoop.Bench;

/// <summary>
/// The import benchmark: <c>sheet</c> writes an XLSX in the import template's columns (Bogus zh_CN names, real
/// GB/T 2260 district codes, unique mobiles and serials in the demo models' formats); <c>import</c> uploads it to a
/// running CareLoop as the demo admin and waits for the background import, reporting rows per second.
/// </summary>
internal static class Sheet
{
    public static int Write(Options o)
    {
        var rows = o.Int("rows", 100_000);
        Regions regions;
        using (var stream = typeof(CustomersModule).Assembly.GetManifestResourceStream("CareLoop.Regions.tsv")!)
        using (var reader = new StreamReader(stream))
        {
            regions = Regions.Parse(reader);
        }

        var districts = regions.Children(null).SelectMany(p => regions.Children(p.Code)).SelectMany(c => regions.Children(c.Code))
            .Where(r => r.Level == "district").Select(r => r.Code).ToArray();
        var faker = new Faker("zh_CN");
        Randomizer.Seed = new Random(20261124);
        string[] channels = ["天猫", "京东", "抖音", "线下", "其他"];
        IEnumerable<Dictionary<string, object?>> Rows()
        {
            for (var n = 0; n < rows; n++)
            {
                var purifier = n % 2 == 0;
                yield return new Dictionary<string, object?>
                {
                    ["姓名"] = faker.Name.LastName() + faker.Name.FirstName(),
                    ["手机号"] = "136" + (n * 7919L % 100_000_000L).ToString("D8", CultureInfo.InvariantCulture),
                    ["区县代码"] = districts[n % districts.Length],
                    ["详细地址"] = faker.Address.StreetAddress(),
                    ["型号"] = purifier ? "WP-RO600" : "RV-X20",
                    ["序列号"] = purifier ? $"WP68{n:D8}" : $"RVX2068{n:D6}",
                    ["购买日期"] = new DateOnly(2026, 1, 1).AddDays(n % 300).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["购买渠道"] = channels[n % channels.Length],
                    ["订单号"] = $"IMP{n:D9}",
                };
            }
        }

        var watch = Stopwatch.StartNew();
        MiniExcel.SaveAs(o.Get("out"), Rows(), excelType: ExcelType.XLSX, overwriteFile: true);
        Console.WriteLine($"sheet,{rows},{new FileInfo(o.Get("out")).Length / 1024 / 1024.0:F1} MB,{watch.Elapsed.TotalSeconds:F1}s");
        return 0;
    }

    public static async Task<int> ImportAsync(Options o)
    {
        using var http = new HttpClient { BaseAddress = new Uri(o.Get("url")), Timeout = TimeSpan.FromMinutes(10) };
        var token = await http.PostAsJsonAsync("/api/v1/auth/token", new { tenant = "demo-brand", userName = "admin", password = o.Get("password") });
        token.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        var watch = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent();
        form.Add(new StreamContent(File.OpenRead(o.Get("file"))), "file", Path.GetFileName(o.Get("file")));
        var queued = await http.PostAsync("/api/v1/customer-imports", form);
        queued.EnsureSuccessStatusCode();
        var uploaded = watch.Elapsed.TotalSeconds;
        JsonElement job;
        do
        {
            await Task.Delay(250);
            job = await http.GetFromJsonAsync<JsonElement>(queued.Headers.Location);
        }
        while (job.GetProperty("status").GetString() is "queued" or "running");

        var total = watch.Elapsed.TotalSeconds;
        var rows = job.GetProperty("processedRows").GetInt32();
        var server = (job.GetProperty("finishedAt").GetDateTimeOffset() - job.GetProperty("createdAt").GetDateTimeOffset()).TotalSeconds;
        Console.WriteLine(string.Join(',',
            "imported", job.GetProperty("status").GetString(), rows, job.GetProperty("createdUnits").GetInt32(), job.GetProperty("skippedRows").GetInt32(),
            job.GetProperty("rejectedRows").GetInt32(), $"upload {uploaded:F1}s", $"queued-to-done {server:F1}s", $"total {total:F1}s",
            $"{rows / server:F0} rows/s"));
        return job.GetProperty("status").GetString() == "completed" ? 0 : 1;
    }
}

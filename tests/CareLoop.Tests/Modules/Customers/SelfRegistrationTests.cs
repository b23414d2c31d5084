using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Modules.Customers.Domain;
using CareLoop.Platform.Files;
using CareLoop.Platform.Messaging;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.Customers;

public sealed class SelfRegistrationTests
{
    /// <summary>The smallest valid PNG header plus padding: detected as an image by its magic bytes.</summary>
    internal static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[4096]];

    [Theory, AllProviders]
    public async Task A_customer_registers_a_unit_from_its_QR_code_with_an_SMS_code_and_an_invoice(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var anonymous = app.Http();
        var link = await agent.GetFromJsonAsync<JsonElement>("/api/v1/registration-links?sku=WP-RO600&serial=wp6000000777");
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link.GetProperty("url").GetString()!).Query);
        var bought = Today.AddDays(-3);

        var sent = await anonymous.PostAsJsonAsync("/api/v1/public/brands/demo-brand/registration-codes", new { phone = "139 1111 2222" });
        var code = LastCode(app);
        var registered = await anonymous.PostAsync("/api/v1/public/brands/demo-brand/registrations", Form(new()
        {
            ["sku"] = query["m"], ["serialNumber"] = query["s"], ["signature"] = query["t"], ["phone"] = "13911112222", ["verificationCode"] = code,
            ["name"] = "周八", ["purchaseDate"] = bought.ToString("yyyy-MM-dd"), ["channel"] = "JD", ["orderNumber"] = "JD-1001",
        }, Png));
        var body = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var found = await agent.GetFromJsonAsync<JsonElement>("/api/v1/customers?q=13911112222");
        var profile = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{found.GetProperty("items")[0].GetProperty("id").GetString()}");
        var unit = profile.GetProperty("units")[0];

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.StartsWith("<svg", link.GetProperty("qrSvg").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("WP6000000777", body.GetProperty("serialNumber").GetString());
        Assert.Equal("139****2222", body.GetProperty("maskedPhone").GetString());
        Assert.Equal("周八", profile.GetProperty("name").GetString());
        Assert.Equal("customer", unit.GetProperty("source").GetString());
        Assert.True(unit.GetProperty("hasInvoice").GetBoolean());
        Assert.Equal(bought.AddMonths(12).AddDays(-1).ToString("yyyy-MM-dd"),
            unit.GetProperty("covers").EnumerateArray().Single(c => c.GetProperty("scope").GetString() == "main-unit").GetProperty("end").GetString());
        var invoice = await agent.GetAsync($"/api/v1/units/{unit.GetProperty("id").GetString()}/invoice");
        Assert.Equal(HttpStatusCode.OK, invoice.StatusCode);
        Assert.Equal("image/png", invoice.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await invoice.Content.ReadAsByteArrayAsync());
    }

    [Theory, AllProviders]
    public async Task Tampered_QR_bad_dates_and_bad_invoices_are_rejected_field_by_field_and_nothing_is_saved(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var anonymous = app.Http();
        var link = await agent.GetFromJsonAsync<JsonElement>("/api/v1/registration-links?sku=WP-RO600&serial=WP6000000778");
        var signature = System.Web.HttpUtility.ParseQueryString(new Uri(link.GetProperty("url").GetString()!).Query)["t"];
        await anonymous.PostAsJsonAsync("/api/v1/public/brands/demo-brand/registration-codes", new { phone = "13911113333" });
        var code = LastCode(app);
        var fields = new Dictionary<string, string?>
        {
            ["sku"] = "WP-RO600", ["serialNumber"] = "WP6000000779", ["signature"] = signature, ["phone"] = "13911113333",
            ["verificationCode"] = code, ["name"] = "吴九", ["purchaseDate"] = Today.AddDays(2).ToString("yyyy-MM-dd"),
        };

        var tampered = await anonymous.PostAsync("/api/v1/public/brands/demo-brand/registrations", Form(fields, "not an image"u8.ToArray()));
        var tooLarge = await anonymous.PostAsync("/api/v1/public/brands/demo-brand/registrations",
            Form(new(fields) { ["signature"] = signature, ["serialNumber"] = "WP6000000778", ["purchaseDate"] = Today.ToString("yyyy-MM-dd") },
                [.. Png, .. new byte[10 * 1024 * 1024]]));
        var badPhone = await anonymous.PostAsync("/api/v1/public/brands/demo-brand/registrations",
            Form(new(fields) { ["signature"] = null, ["serialNumber"] = "12345", ["phone"] = "12345", ["purchaseDate"] = null }, null));

        Assert.Equal(["qr:qr_signature_invalid", "purchaseDate:in_future", "invoice:file_type"],
            Fields(await ProblemAssert.IsProblemAsync(tampered, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["invoice:file_too_large"], Fields(await ProblemAssert.IsProblemAsync(tooLarge, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["phone:invalid_phone", "serialNumber:serial_format", "purchaseDate:required", "invoice:required"],
            Fields(await ProblemAssert.IsProblemAsync(badPhone, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        var saved = await app.DbAsync("demo-brand", async db => (
            Units: await db.Set<RegisteredUnit>().CountAsync(u => u.Source == RegistrationSource.Customer),
            Files: await db.Set<StoredFile>().CountAsync(),
            Attempts: await db.Set<PhoneVerification>().SumAsync(v => v.Attempts)));
        Assert.Equal((0, 0, 0), saved);
        Assert.False(Directory.Exists(app.FilesRoot) && Directory.EnumerateFiles(app.FilesRoot, "*", SearchOption.AllDirectories).Any());
    }

    [Theory, AllProviders]
    public async Task Wrong_codes_count_and_lock_the_code_and_a_new_code_waits_a_minute(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var anonymous = app.Http();
        await anonymous.PostAsJsonAsync("/api/v1/public/brands/demo-brand/registration-codes", new { phone = "13911114444" });
        var again = await anonymous.PostAsJsonAsync("/api/v1/public/brands/demo-brand/registration-codes", new { phone = "13911114444" });
        var code = LastCode(app);
        var fields = new Dictionary<string, string?>
        {
            ["sku"] = "RV-X20", ["serialNumber"] = "RVX2000000777", ["phone"] = "13911114444", ["verificationCode"] = code == "000000" ? "111111" : "000000",
            ["name"] = "郑十", ["purchaseDate"] = Today.ToString("yyyy-MM-dd"),
        };

        var outcomes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await anonymous.PostAsync("/api/v1/public/brands/demo-brand/registrations", Form(fields, Png));
            outcomes.Add(Fields(await ProblemAssert.IsProblemAsync(wrong, HttpStatusCode.UnprocessableEntity, "validation_failed")).Single());
        }

        var right = await anonymous.PostAsync("/api/v1/public/brands/demo-brand/registrations", Form(new(fields) { ["verificationCode"] = code }, Png));

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.TooManyRequests, "code_recently_sent");
        Assert.Equal([.. Enumerable.Repeat("verificationCode:verification_wrong", 4), "verificationCode:verification_locked"], outcomes);
        Assert.Equal(["verificationCode:verification_locked"], Fields(await ProblemAssert.IsProblemAsync(right, HttpStatusCode.UnprocessableEntity, "validation_failed")));
    }

    [Theory, AllProviders]
    public async Task A_known_phone_links_the_existing_customer_and_another_owners_serial_is_refused(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var anonymous = app.Http();
        await anonymous.PostAsJsonAsync("/api/v1/public/brands/demo-brand/registration-codes", new { phone = "13812345678" });
        var code = LastCode(app);
        var fields = new Dictionary<string, string?>
        {
            ["sku"] = "WP-RO600", ["serialNumber"] = "WP6000000888", ["phone"] = "13812345678", ["verificationCode"] = code,
            ["name"] = "张伟", ["purchaseDate"] = Today.ToString("yyyy-MM-dd"),
        };

        var taken = await anonymous.PostAsync("/api/v1/public/brands/demo-brand/registrations", Form(new(fields) { ["sku"] = "RV-X20", ["serialNumber"] = "RVX2000000002" }, Png));
        var linked = await anonymous.PostAsync("/api/v1/public/brands/demo-brand/registrations", Form(fields, Png));
        var unknownBrand = await anonymous.PostAsJsonAsync("/api/v1/public/brands/no-such-brand/registration-codes", new { phone = "13812345678" });

        Assert.Equal(["serialNumber:serial_taken"], Fields(await ProblemAssert.IsProblemAsync(taken, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        await ProblemAssert.IsProblemAsync(unknownBrand, HttpStatusCode.NotFound, "unknown_brand");
        var owners = await app.DbAsync("demo-brand", db => db.Set<Customer>().CountAsync(c => c.Name == "张伟"));
        Assert.Equal(1, owners);
    }

    internal static string LastCode(CareLoopApp app) =>
        app.Services.GetRequiredService<LocalSmsGateway>().Sent[0].TemplateParams["code"];

    internal static MultipartFormDataContent Form(Dictionary<string, string?> fields, byte[]? invoice)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields.Where(f => f.Value is not null))
        {
            form.Add(new StringContent(value!), name);
        }

        if (invoice is not null)
        {
            var file = new ByteArrayContent(invoice);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "invoice", "发票.jpg");
        }

        return form;
    }
}

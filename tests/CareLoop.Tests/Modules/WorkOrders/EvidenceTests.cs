using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Modules.WorkOrders;

public sealed class EvidenceTests
{
    [Theory, AllProviders]
    public async Task Photos_are_stored_without_metadata_and_an_installation_completes_only_with_four_photos_and_the_units_barcode(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var agent = await app.ApiAsAsync("agent");
        using var dispatcher = await app.ApiAsAsync("dispatcher");
        using var engineer = await app.ApiAsAsync("engineer");
        var customer = await CustomerIdAsync(agent, "13812345678");
        var unit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{customer}"), "RVX2000000001");
        var order = (await (await agent.PostAsJsonAsync("/api/v1/work-orders", new { customerId = customer, unitId = unit, kind = "installation", description = "新机安装" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var engineerId = await app.DbAsync("demo-brand", db => db.Users.Where(u => u.UserName == "engineer").Select(u => u.Id).SingleAsync());
        await dispatcher.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "assign", expectedVersion = 0, assigneeId = engineerId });
        await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "accept", expectedVersion = 1 });
        var day = NextWeekday();
        var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "schedule", expectedVersion = 2, window = new { start, end = start.AddHours(2) } });
        await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "checkIn", expectedVersion = 3 });

        var withExif = await engineer.PostAsync($"/api/v1/work-orders/{order}/attachments", Photo(WithExif(Jpeg())));
        var notAnImage = await engineer.PostAsync($"/api/v1/work-orders/{order}/attachments", Photo("just text"u8.ToArray()));
        var tooFew = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "complete", expectedVersion = 4 });
        for (var i = 0; i < 3; i++)
        {
            await engineer.PostAsync($"/api/v1/work-orders/{order}/attachments", Photo(Jpeg()));
        }

        var wrongBarcode = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "complete", expectedVersion = 4, barcode = "RVX2000000999" });
        var code = await CompletionCodeTests.SendAsync(app, engineer, order!);
        var completed = await engineer.PostAsJsonAsync($"/api/v1/work-orders/{order}/transitions", new { action = "complete", expectedVersion = 4, barcode = "RVX2000000001", verificationCode = code });
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/work-orders/{order}");
        var first = view.GetProperty("attachments")[0].GetProperty("id").GetString();
        var stored = await (await agent.GetAsync($"/api/v1/work-orders/{order}/attachments/{first}")).Content.ReadAsByteArrayAsync();
        var thumbnail = await (await agent.GetAsync($"/api/v1/work-orders/{order}/attachments/{first}?thumbnail=true")).Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.Created, withExif.StatusCode);
        Assert.Equal(["file:file_type"], Fields(await ProblemAssert.IsProblemAsync(notAnImage, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["photos:too_few_photos", "barcode:required"], Fields(await ProblemAssert.IsProblemAsync(tooFew, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(["barcode:barcode_mismatch"], Fields(await ProblemAssert.IsProblemAsync(wrongBarcode, HttpStatusCode.UnprocessableEntity, "validation_failed")));
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("RVX2000000001", view.GetProperty("scannedBarcode").GetString());
        Assert.Equal(4, view.GetProperty("attachments").GetArrayLength());
        Assert.DoesNotContain("GPS-SECRET", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        Assert.DoesNotContain("Exif", Encoding.Latin1.GetString(stored), StringComparison.Ordinal);
        using var small = SKBitmap.Decode(thumbnail);
        Assert.True(small.Width <= 320 && small.Height <= 320);
    }

    /// <summary>A real 800 × 600 JPEG.</summary>
    internal static byte[] Jpeg()
    {
        using var bitmap = new SKBitmap(800, 600);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
    }

    /// <summary>The JPEG with an APP1 "Exif" segment right after the start-of-image marker, carrying a fake GPS note.</summary>
    private static byte[] WithExif(byte[] jpeg)
    {
        var payload = Encoding.ASCII.GetBytes("Exif\0\0GPS-SECRET 31.2989N 120.5853E");
        var length = payload.Length + 2;
        return [.. jpeg[..2], 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload, .. jpeg[2..]];
    }

    internal static MultipartFormDataContent Photo(byte[] bytes, string kind = "photo")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "现场.jpg");
        form.Add(new StringContent(kind), "kind");
        return form;
    }
}

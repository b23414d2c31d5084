using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CareLoop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Tests.Platform;

public sealed class HostTests
{
    [Theory, AllProviders]
    public async Task Health_endpoints_report_live_and_ready_with_the_database(DatabaseKind kind)
    {
        await using var app = await CareLoopApp.StartAsync(kind, startOutbox: false);
        using var http = app.Http();

        var live = await http.GetAsync("/health/live");
        var ready = await http.GetFromJsonAsync<JsonElement>("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", ready.GetProperty("status").GetString());
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("database").GetString());
    }

    [Fact]
    public async Task OpenApi_document_and_scalar_ui_are_served()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        using var http = app.Http();

        var document = await http.GetFromJsonAsync<JsonElement>("/api/openapi/v1.json");
        var docs = await http.GetAsync("/api/docs/");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/auth/token", out _));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/users", out _));
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    [Fact]
    public async Task The_ui_speaks_chinese_by_default_and_english_after_switching()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        using var http = app.Http();

        var chinese = await http.GetStringAsync("/login");
        var switched = await http.GetAsync("/culture?c=en&redirectUri=/login");
        using var english = new HttpRequestMessage(HttpMethod.Get, "/login");
        english.Headers.Add("Cookie", switched.Headers.GetValues("Set-Cookie").First().Split(';')[0]);
        var englishPage = await (await http.SendAsync(english)).Content.ReadAsStringAsync();

        Assert.Contains("员工登录", chinese, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/login", switched.Headers.Location?.OriginalString);
        Assert.Contains("Staff sign-in", englishPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_visitors_of_staff_pages_are_sent_to_sign_in()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        using var http = app.Http();

        var response = await http.GetAsync("/admin/users");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.Redirect || body.Contains("/login", StringComparison.Ordinal), $"{response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
    }
}

public sealed class ProductionSafetyTests
{
    [Fact]
    public async Task Production_refuses_to_start_with_a_demo_secret()
    {
        await using var database = await TestDatabases.CreateEmptyAsync(DatabaseKind.Sqlite);
        await using var app = new CareLoopApp(database, startOutbox: false, environment: "Production",
            settings: new Dictionary<string, string?> { ["Demo:Password"] = "CareLoop-Demo-1" });

        var error = Assert.ThrowsAny<Exception>(() => app.StartServer());

        Assert.Contains("Demo:Password", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_its_own_data_encryption_key()
    {
        await using var database = await TestDatabases.CreateEmptyAsync(DatabaseKind.Sqlite);
        await using var app = new CareLoopApp(database, startOutbox: false, environment: "Production",
            settings: new Dictionary<string, string?> { ["Security:DataEncryptionKey"] = CareLoop.Platform.Security.SecretsValidator.DevelopmentDataEncryptionKey });

        var error = Assert.ThrowsAny<Exception>(() => app.StartServer());

        Assert.Contains("Security:DataEncryptionKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_refuses_postgres_without_a_password_or_with_a_default_one()
    {
        await using var database = await TestDatabases.CreateEmptyAsync(DatabaseKind.Sqlite);
        await using var app = new CareLoopApp(database, startOutbox: false, environment: "Production",
            settings: new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:CareLoop"] = "Host=127.0.0.1;Database=careloop;Username=careloop;Password=postgres",
            });

        var error = Assert.ThrowsAny<Exception>(() => app.StartServer());

        Assert.Contains("ConnectionStrings:CareLoop", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_migrates_and_creates_roles_but_never_seeds_demo_data()
    {
        await using var database = await TestDatabases.CreateEmptyAsync(DatabaseKind.Sqlite);
        await using var app = new CareLoopApp(database, startOutbox: false, environment: "Production",
            settings: new Dictionary<string, string?>
            {
                ["Security:DataEncryptionKey"] = TestEnvironment.ProductionDataKey,
                ["Payments:WeChat:ApiV3Key"] = System.Security.Cryptography.RandomNumberGenerator.GetHexString(32),
                ["Payments:WeChat:PlatformPublicKey"] = PlatformPublicKey(),
            });
        app.StartServer();

        var tenants = await app.DbAsync(null, db => db.Tenants.CountAsync());
        var roles = await app.DbAsync(null, db => db.Roles.CountAsync());

        Assert.Equal(0, tenants);
        Assert.Equal(CareLoop.Platform.Identity.Roles.All.Count, roles);
    }

    [Fact]
    public async Task Production_refuses_to_start_without_the_merchants_wechat_pay_keys()
    {
        await using var database = await TestDatabases.CreateEmptyAsync(DatabaseKind.Sqlite);
        await using var app = new CareLoopApp(database, startOutbox: false, environment: "Production",
            settings: new Dictionary<string, string?> { ["Security:DataEncryptionKey"] = TestEnvironment.ProductionDataKey, ["Payments:WeChat:ApiV3Key"] = "changeme" });

        var error = Assert.ThrowsAny<Exception>(() => app.StartServer());

        Assert.Contains("Payments:WeChat:ApiV3Key", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Payments:WeChat:PlatformPublicKey", error.ToString(), StringComparison.Ordinal);
    }

    private static string PlatformPublicKey()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }
}

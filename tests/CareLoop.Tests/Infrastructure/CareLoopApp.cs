using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CareLoop.Tests.Infrastructure;

/// <summary>
/// The real CareLoop host on a real Kestrel server (loopback, free port) against a real database.
/// </summary>
public sealed class CareLoopApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly bool _startOutbox;
    private readonly string _environment;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public CareLoopApp(
        TestDatabase database,
        bool startOutbox = true,
        string environment = "Development",
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _database = database;
        _startOutbox = startOutbox;
        _environment = environment;
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
        UseKestrel(0);
    }

    public TestDatabase Database => _database;

    /// <summary>Uploaded files of this host only; deleted with it.</summary>
    public string FilesRoot { get; } = Path.Combine(Path.GetTempPath(), "careloop-test-files", Guid.NewGuid().ToString("N"));

    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    public static async Task<CareLoopApp> StartAsync(DatabaseKind kind, bool startOutbox = true, Action<IServiceCollection>? services = null)
    {
        var database = await TestDatabases.CreateAsync(kind);
        var app = new CareLoopApp(database, startOutbox, services: services);
        app.StartServer();
        return app;
    }

    public HttpClient Http() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>A client signed in to the API through <c>POST /api/v1/auth/token</c> as a demo user.</summary>
    public async Task<HttpClient> ApiAsAsync(string userName, string tenant = "demo-brand")
    {
        var client = Http();
        var token = await TokenAsync(userName, tenant);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TokenAsync(string userName, string tenant = "demo-brand", string password = TestEnvironment.DemoPassword)
    {
        using var client = Http();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { tenant, userName, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        return body!.AccessToken;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:Provider", _database.Provider);
        builder.UseSetting("ConnectionStrings:CareLoop", _database.ConnectionString);
        builder.UseSetting("Outbox:Enabled", _startOutbox ? "true" : "false");
        builder.UseSetting("Outbox:PollIntervalMilliseconds", "200");
        // Several hosts share this test process, and Quartz names schedulers per process.
        builder.UseSetting("Jobs:SchedulerName", "CareLoop-" + Guid.NewGuid().ToString("N")[..8]);
        builder.UseSetting("Files:Root", FilesRoot);
        // Most tests drive assignment themselves; dispatch tests switch automatic dispatch back on through settings.
        builder.UseSetting("Dispatch:Automatic", "false");
        if (_environment == "Development")
        {
            builder.UseSetting("Demo:Password", TestEnvironment.DemoPassword);
            builder.UseSetting("Demo:IntegrationSecret", TestEnvironment.IntegrationSecret);
            builder.UseSetting("Demo:RouteDay", "false"); // tests count on the two base engineers and no demo orders
        }

        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(FilesRoot))
        {
            Directory.Delete(FilesRoot, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private sealed record TokenBody(string AccessToken, int ExpiresIn);
}

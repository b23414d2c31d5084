using CareLoop.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareLoop.E2E;

/// <summary>A browser page on a fresh CareLoop host; keeps a screenshot when a step fails.</summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<IBrowserContext> _others = [];

    private PageSession(CareLoopApp app, IBrowserContext context, IPage page)
    {
        App = app;
        _context = context;
        Page = page;
    }

    public CareLoopApp App { get; }

    public IPage Page { get; }

    /// <summary>A phone: 390 × 844 CSS pixels at 3×, touch, a mobile user agent (what customers and engineers hold).</summary>
    public static BrowserNewContextOptions Phone => new()
    {
        ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        DeviceScaleFactor = 3,
        IsMobile = true,
        HasTouch = true,
        UserAgent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36",
    };

    /// <summary>
    /// A fresh host on its own database (SQLite unless a walk runs on both providers) and a browser context for the
    /// device. The outbox stays off unless the flow needs integration events delivered (completion → callback →
    /// ledger).
    /// </summary>
    public static async Task<PageSession> StartAsync(
        BrowserFixture browser,
        BrowserNewContextOptions? device = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        DatabaseKind database = DatabaseKind.Sqlite,
        bool startOutbox = false)
    {
        var app = new CareLoopApp(await TestDatabases.CreateAsync(database), startOutbox: startOutbox, settings: settings);
        app.StartServer();
        var options = device ?? new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } };
        options.BaseURL = app.BaseAddress.ToString();
        options.Locale = "en-US"; // the UI must be Chinese by default whatever the browser's language
        var context = await browser.Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return new PageSession(app, context, await context.NewPageAsync());
    }

    /// <summary>Runs the steps; on failure saves a full-page screenshot next to the test results and rethrows.</summary>
    public async Task RunAsync(string name, Func<IPage, Task> steps)
    {
        try
        {
            await steps(Page);
        }
        catch
        {
            await ScreenshotAsync(name + "-failure");
            throw;
        }
    }

    public Task<string> ScreenshotAsync(string name) => ScreenshotAsync(Page, name);

    /// <summary>A full-page screenshot of another page of this session (a second user, a phone).</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Another device on the same host (own cookies), e.g. the engineer's phone next to the agent's desk; not signed in.</summary>
    public async Task<IPage> DeviceAsync(BrowserNewContextOptions device)
    {
        device.BaseURL = App.BaseAddress.ToString();
        device.Locale = "en-US";
        var context = await _context.Browser!.NewContextAsync(device);
        context.SetDefaultTimeout(15_000);
        _others.Add(context);
        return await context.NewPageAsync();
    }

    public Task SignInAsync(string userName) => SignInAsync(Page, userName);

    /// <summary>A second user in their own browser context (own cookies) on the same host: for live-update and concurrency flows.</summary>
    public async Task<IPage> SecondUserAsync(string userName)
    {
        var context = await _context.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        _others.Add(context);
        var page = await context.NewPageAsync();
        await SignInAsync(page, userName);
        return page;
    }

    /// <summary>Waits until the staff page's circuit is live, so clicks reach Blazor's handlers.</summary>
    public Task WaitInteractiveAsync() => WaitInteractiveAsync(Page);

    public static Task WaitInteractiveAsync(IPage page) =>
        Microsoft.Playwright.Assertions.Expect(page.Locator("[data-interactive=true]")).ToHaveCountAsync(1);

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/login");
        await page.GetByTestId("tenant").FillAsync("demo-brand");
        await page.GetByTestId("username").FillAsync(userName);
        await page.GetByTestId("password").FillAsync(TestEnvironment.DemoPassword);
        await page.GetByTestId("sign-in").ClickAsync();
        await WaitInteractiveAsync(page);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var other in _others)
        {
            await other.CloseAsync();
        }

        await _context.CloseAsync();
        await App.DisposeAsync();
        await App.Database.DisposeAsync();
    }
}

using CareLoop.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CareLoop.E2E;

/// <summary>A browser page on a fresh CareLoop host; keeps a screenshot when a step fails.</summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;

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

    public static async Task<PageSession> StartAsync(BrowserFixture browser, BrowserNewContextOptions? device = null)
    {
        var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
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

    public async Task<string> ScreenshotAsync(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task SignInAsync(string userName)
    {
        await Page.GotoAsync("/login");
        await Page.GetByTestId("tenant").FillAsync("demo-brand");
        await Page.GetByTestId("username").FillAsync(userName);
        await Page.GetByTestId("password").FillAsync(TestEnvironment.DemoPassword);
        await Page.GetByTestId("sign-in").ClickAsync();
        await WaitInteractiveAsync();
    }

    /// <summary>Waits until the staff page's circuit is live, so clicks reach Blazor's handlers.</summary>
    public Task WaitInteractiveAsync() =>
        Microsoft.Playwright.Assertions.Expect(Page.Locator("[data-interactive=true]")).ToHaveCountAsync(1);

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await App.DisposeAsync();
        await App.Database.DisposeAsync();
    }
}

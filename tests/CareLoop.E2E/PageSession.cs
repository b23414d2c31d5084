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

    public static async Task<PageSession> StartAsync(BrowserFixture browser)
    {
        var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = "en-US", // the UI must be Chinese by default whatever the browser's language
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
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

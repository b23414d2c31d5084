using Microsoft.AspNetCore.Components;

namespace CareLoop.Components;

/// <summary>
/// The phone pages' stylesheet (<c>wwwroot/css/phone.css</c>, about 10 KB, 3 KB compressed), read once and inlined into
/// every engineer page (<c>/m</c>): on Fast 3G a linked stylesheet costs a render-blocking round trip of ≈ 560 ms, more
/// than its bytes (docs/benchmarks.md, page budget). Customer and staff pages link the same file.
/// </summary>
public sealed class PhoneStylesheet(IWebHostEnvironment environment)
{
    public const string Path = "css/phone.css";

    private MarkupString? _css;

    /// <summary>Read once; in Development on every page, so an edit shows on reload.</summary>
    public MarkupString Css => environment.IsDevelopment() ? Read() : _css ??= Read();

    private MarkupString Read()
    {
        using var reader = new StreamReader(environment.WebRootFileProvider.GetFileInfo(Path).CreateReadStream());
        return new MarkupString(reader.ReadToEnd());
    }
}

namespace CareLoop.Platform.Web;

public static class LocalUrls
{
    /// <summary>Whether a return URL stays on this site (<c>/x</c>, not <c>//host</c> or <c>/\host</c>): the only kind a sign-in redirects to.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}

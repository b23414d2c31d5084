namespace CareLoop.Platform.Files;

/// <summary>
/// Where file bytes live. Locally a directory (<see cref="LocalFileStore"/>); in a cluster an object store
/// (OSS/COS/S3) behind the same three calls. Keys are opaque and never built from user input.
/// </summary>
public interface IFileStore
{
    Task WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>Null when the key does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Files under <c>Files:Root</c> (default <c>data/files</c> beside the SQLite file).</summary>
public sealed class LocalFileStore(string root) : IFileStore
{
    public async Task WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        File.Move(temp, path, overwrite: true);
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        var full = Path.GetFullPath(Path.Combine(root, key));
        if (!full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("File key escapes the store root.", nameof(key));
        }

        return full;
    }
}

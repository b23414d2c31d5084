namespace CareLoop.Platform.Files;

/// <summary>
/// Where file bytes live. Locally a directory (<see cref="LocalFileStore"/>); in a cluster an S3-compatible object
/// store (<see cref="S3FileStore"/>: S3, OSS, COS, MinIO) behind the same three calls. Keys are opaque and never built
/// from user input; a key that would leave the store's root or prefix is an <see cref="ArgumentException"/>.
/// </summary>
public interface IFileStore
{
    /// <summary>Writes <paramref name="content"/> from its current position, replacing any object under the key.</summary>
    /// <param name="contentType">The detected type, kept by stores that have object metadata (a directory has none).</param>
    Task WriteAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>A seekable stream of the bytes, positioned at the start; null when the key does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deleting a key that does not exist is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Files under <c>Files:Root</c> (default <c>data/files</c> beside the SQLite file).</summary>
public sealed class LocalFileStore(string root) : IFileStore
{
    public async Task WriteAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
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
        var path = PathOf(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // File.Delete ignores a missing file but not a missing folder; for the port both are "already gone".
        }

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

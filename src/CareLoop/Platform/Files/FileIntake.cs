using System.Security.Cryptography;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Platform.Files;

/// <summary>An upload as a handler receives it, whether from a form, the API or a Blazor file input.</summary>
public sealed record Upload(string FileName, Func<Stream> Open);

/// <summary>An upload that passed the checks, held in a temporary file until it is stored or dropped.</summary>
public sealed class InspectedUpload(string fileName, string contentType, long length, string sha256, FileStream content) : IAsyncDisposable
{
    public string FileName { get; } = fileName;

    public string ContentType { get; } = contentType;

    public long Length { get; } = length;

    public string Sha256 { get; } = sha256;

    internal FileStream Content { get; } = content;

    /// <summary>The bytes from the start, for a check that must read them (not to be disposed: the upload owns it).</summary>
    public Stream OpenRead()
    {
        Content.Position = 0;
        return Content;
    }

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// Takes uploads in, in two steps so a handler can report a bad file together with every other field error and
/// store nothing: <see cref="InspectAsync"/> enforces the size limit while reading (the client's length is not
/// trusted) and detects the type from the bytes; <see cref="StoreAsync"/> writes the bytes and adds the
/// <see cref="StoredFile"/> row to the caller's unit of work.
/// </summary>
public sealed class FileIntake(CareLoopDbContext db, ITenantContext tenant, IFileStore store, TimeProvider time)
{
    public static async Task<Result<InspectedUpload>> InspectAsync(
        string field, Upload upload, long maxBytes, IReadOnlySet<string> allowedTypes, CancellationToken cancellationToken)
    {
        var temp = new FileStream(Path.Combine(Path.GetTempPath(), "careloop-upload-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var error = await CopyAsync(upload, temp, maxBytes, cancellationToken);
        if (error is not null)
        {
            await temp.DisposeAsync();
            return new Validation().Add(field, error.Value.Code, error.Value.Args).ToError()!;
        }

        temp.Position = 0;
        var header = new byte[FileKinds.HeaderLength];
        var headerLength = await temp.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        var contentType = FileKinds.Detect(header.AsSpan(0, headerLength));
        if (contentType is null || !allowedTypes.Contains(contentType))
        {
            await temp.DisposeAsync();
            return new Validation().Add(field, ErrorCodes.FileType).ToError()!;
        }

        temp.Position = 0;
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(temp, cancellationToken));
        return new InspectedUpload(upload.FileName, contentType, temp.Length, sha, temp);
    }

    public async Task<StoredFile> StoreAsync(InspectedUpload upload, string purpose, CancellationToken cancellationToken)
    {
        var file = StoredFile.Create(tenant.RequireTenantId(), purpose, upload.FileName, upload.ContentType, upload.Length, upload.Sha256, time.GetUtcNow());
        upload.Content.Position = 0;
        await store.WriteAsync(file.StorageKey, upload.Content, upload.ContentType, cancellationToken);
        db.Add(file);
        return file;
    }

    /// <summary>The bytes of a file stored in this unit of work (saved or not).</summary>
    public async Task<Stream> OpenContentAsync(StoredFile file, CancellationToken cancellationToken) =>
        await store.OpenReadAsync(file.StorageKey, cancellationToken) ?? throw new FileNotFoundException("Stored file bytes are missing.", file.StorageKey);

    /// <summary>Drops a file stored in this unit of work before it is saved (the request failed a later check).</summary>
    public async Task DiscardAsync(StoredFile file, CancellationToken cancellationToken)
    {
        db.Entry(file).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        await store.DeleteAsync(file.StorageKey, cancellationToken);
    }

    /// <summary>Deletes the bytes and keeps the row (who uploaded what, when, its hash): for files whose content is done with.</summary>
    public Task DeleteContentAsync(StoredFile file, CancellationToken cancellationToken) => store.DeleteAsync(file.StorageKey, cancellationToken);

    /// <summary>The file's bytes for download; null when the row or the bytes are gone.</summary>
    public async Task<(StoredFile File, Stream Content)?> OpenAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await db.FindAsync<StoredFile>([id], cancellationToken);
        if (file is null || await store.OpenReadAsync(file.StorageKey, cancellationToken) is not { } content)
        {
            return null;
        }

        return (file, content);
    }

    private static async Task<(string Code, object[] Args)?> CopyAsync(Upload upload, FileStream temp, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long length = 0;
        await using var source = upload.Open();
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            length += read;
            if (length > maxBytes)
            {
                return (ErrorCodes.FileTooLarge, [Math.Max(1, maxBytes / (1024 * 1024))]);
            }

            await temp.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return length == 0 ? (ErrorCodes.Required, []) : null;
    }
}

using CareLoop.Platform.Tenancy;

namespace CareLoop.Platform.Files;

/// <summary>
/// Metadata of an uploaded file (invoice, photo, import sheet). The bytes live in an <see cref="IFileStore"/> under
/// <see cref="StorageKey"/>; the row is written in the same transaction as whatever refers to it.
/// </summary>
public sealed class StoredFile : ITenantOwned
{
    private StoredFile()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    /// <summary>What it is for, e.g. <c>invoice</c>, <c>import</c>; decides who may read it.</summary>
    public string Purpose { get; private set; } = "";

    /// <summary>The name the uploader gave, for display and download only (never a path).</summary>
    public string FileName { get; private set; } = "";

    /// <summary>Detected from the content, not taken from the client.</summary>
    public string ContentType { get; private set; } = "";

    public long Length { get; private set; }

    public string Sha256 { get; private set; } = "";

    public string StorageKey { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    internal static StoredFile Create(Guid tenantId, string purpose, string fileName, string contentType, long length, string sha256, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new StoredFile
        {
            Id = id,
            TenantId = tenantId,
            Purpose = purpose,
            FileName = SafeName(fileName),
            ContentType = contentType,
            Length = length,
            Sha256 = sha256,
            StorageKey = $"{tenantId:N}/{purpose}/{now:yyyy/MM}/{id:N}",
            CreatedAt = now,
        };
    }

    private static string SafeName(string name)
    {
        var leaf = Path.GetFileName(name.Replace('\\', '/')).Trim();
        leaf = new string(leaf.Where(c => !char.IsControl(c) && c is not '"' and not '/' and not ':').ToArray());
        return leaf.Length switch
        {
            0 => "file",
            > 120 => leaf[^120..],
            _ => leaf,
        };
    }
}

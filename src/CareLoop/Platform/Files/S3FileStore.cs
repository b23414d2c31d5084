using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace CareLoop.Platform.Files;

/// <summary>
/// Files as objects in an S3-compatible bucket (AWS S3, Aliyun OSS, Tencent COS, MinIO), with the same contract as
/// <see cref="LocalFileStore"/>: a missing key reads as null, deleting a missing key succeeds, a key that would leave
/// the configured prefix is refused before any request is made, and reads are seekable.
/// </summary>
public sealed class S3FileStore : IFileStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;

    public S3FileStore(S3FileStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bucket = options.Bucket ?? throw new ArgumentException("Bucket is required.", nameof(options));
        _prefix = options.KeyPrefix?.Trim('/') ?? "";
        if (_prefix.Length > 0 && !IsSafeKey(_prefix))
        {
            throw new ArgumentException("The key prefix must be plain path segments.", nameof(options));
        }

        _client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? S3FileStoreOptions.DefaultRegion : options.Region,
            ForcePathStyle = options.ForcePathStyle,
            // Only what is configured here: no AWS_ENDPOINT_URL or profile file changes where the files go.
            IgnoreConfiguredEndpointUrls = true,
            // Plain signed requests every S3-compatible service accepts: the flexible checksums that AWSSDK 4 sends by
            // default (CRC32 in an aws-chunked trailer) are not implemented by all of them.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
    }

    public async Task WriteAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        ArgumentNullException.ThrowIfNull(content);

        // A single PUT needs the length up front; the local store takes any stream, so a forward-only one is spooled.
        await using var spooled = content.CanSeek ? null : await SpoolAsync(content, cancellationToken);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = objectKey,
            InputStream = spooled ?? content,
            ContentType = contentType,
            AutoCloseStream = false,
            AutoResetStreamPosition = false,
            // One PUT with the SHA-256 of the body in the signature, instead of aws-chunked streaming signatures.
            UseChunkEncoding = false,
        };
        await _client.PutObjectAsync(request, cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        try
        {
            using var response = await _client.GetObjectAsync(_bucket, objectKey, cancellationToken);
            // Callers seek (XLSX is a ZIP) and read twice, as they may with a local file: hand them a local copy.
            return await SpoolAsync(response.ResponseStream, cancellationToken);
        }
        catch (AmazonS3Exception e) when (IsMissingKey(e))
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        try
        {
            // S3 answers 204 for a key that is not there; a few compatible services answer 404 NoSuchKey instead.
            await _client.DeleteObjectAsync(_bucket, objectKey, cancellationToken);
        }
        catch (AmazonS3Exception e) when (IsMissingKey(e))
        {
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// Slash-separated segments with no empty, <c>.</c> or <c>..</c> segment, no backslash and no control character:
    /// such keys cannot be normalised by a proxy or an HTTP stack into a path outside the prefix.
    /// </summary>
    internal static bool IsSafeKey(string key) =>
        key.Length is > 0 and <= 900 &&
        !key.Any(c => char.IsControl(c) || c == '\\') &&
        key.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");

    private string ObjectKey(string key)
    {
        if (key is null || !IsSafeKey(key))
        {
            throw new ArgumentException("File key escapes the store prefix.", nameof(key));
        }

        return _prefix.Length == 0 ? key : _prefix + "/" + key;
    }

    // NoSuchBucket is a 404 too, but a configuration error rather than a missing file.
    private static bool IsMissingKey(AmazonS3Exception e) =>
        e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode is null or "NoSuchKey" or "NotFound";

    private static async Task<FileStream> SpoolAsync(Stream source, CancellationToken cancellationToken)
    {
        var temp = new FileStream(Path.Combine(Path.GetTempPath(), "careloop-s3-" + Guid.NewGuid().ToString("N")), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await source.CopyToAsync(temp, cancellationToken);
            temp.Position = 0;
            return temp;
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }
    }
}

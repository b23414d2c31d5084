using CareLoop.Platform.Security;

namespace CareLoop.Platform.Files;

/// <summary>
/// The <c>Files:S3</c> section: where the S3-compatible bucket is and how to sign for it. The repository ships no
/// values; they come from the environment (<c>Files__S3__Bucket</c>, …) or a secret store.
/// </summary>
public sealed class S3FileStoreOptions
{
    public const string Section = "Files:S3";

    /// <summary>The endpoint, e.g. <c>https://s3.cn-north-1.amazonaws.com.cn</c>, <c>https://oss-cn-hangzhou.aliyuncs.com</c>, <c>http://minio:9000</c>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The signing region (SigV4 credential scope); MinIO's default when not set.</summary>
    public string? Region { get; set; }

    public string? Bucket { get; set; }

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>
    /// <c>endpoint/bucket/key</c> (true, what MinIO and most self-hosted stores expect) or <c>bucket.endpoint/key</c>
    /// (false, required by Aliyun OSS and by Tencent COS buckets created since 2024).
    /// </summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>A folder inside the bucket for this deployment's files, e.g. <c>careloop/prod</c>; none when empty.</summary>
    public string? KeyPrefix { get; set; }

    public const string DefaultRegion = "us-east-1";

    /// <summary>Every missing or unusable setting, named by its configuration key, so one failed start lists them all.</summary>
    public IReadOnlyList<string> Problems(IHostEnvironment environment)
    {
        var problems = new List<string>();
        Require(nameof(ServiceUrl), ServiceUrl);
        Require(nameof(Bucket), Bucket);
        Require(nameof(AccessKey), AccessKey);
        Require(nameof(SecretKey), SecretKey);
        if (!string.IsNullOrWhiteSpace(ServiceUrl) &&
            !(Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
        {
            problems.Add($"{Section}:{nameof(ServiceUrl)} must be an absolute http(s) URL.");
        }

        if (!string.IsNullOrEmpty(KeyPrefix) && !S3FileStore.IsSafeKey(KeyPrefix.Trim('/')))
        {
            problems.Add($"{Section}:{nameof(KeyPrefix)} must be plain path segments (no '.', '..', '\\\\' or empty segments).");
        }

        if (!environment.IsDevelopment() && SecretKey is { Length: > 0 } secret &&
            (SecretsValidator.IsKnownDefault(secret) || string.Equals(secret, "minioadmin", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"{Section}:{nameof(SecretKey)} is a well-known default and must not be used outside Development.");
        }

        return problems;

        void Require(string name, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{Section}:{name} is missing.");
            }
        }
    }
}

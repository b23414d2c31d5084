using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Amazon.S3;
using CareLoop.Platform.Files;
using CareLoop.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;
using static CareLoop.Tests.Modules.Customers.CustomerApi;

namespace CareLoop.Tests.Platform;

/// <summary>
/// The S3-compatible file store against a loopback S3 protocol peer that checks every signature. The contract tests run
/// on both stores, so the S3 store cannot drift from what callers of the local one rely on.
/// </summary>
public sealed class S3FileStoreTests
{
    public enum Kind
    {
        Local,
        S3,
    }

    [Theory, InlineData(Kind.Local), InlineData(Kind.S3)]
    public async Task Written_bytes_read_back_from_the_start_in_a_seekable_stream(Kind kind)
    {
        await using var store = await StoreUnderTest.CreateAsync(kind);
        var bytes = RandomNumberGenerator.GetBytes(200_000);

        await store.Files.WriteAsync("tenant/invoice/2025/01/a", new MemoryStream(bytes), FileKinds.Pdf, CancellationToken.None);
        await using var read = await store.Files.OpenReadAsync("tenant/invoice/2025/01/a", CancellationToken.None);

        Assert.NotNull(read);
        Assert.True(read.CanSeek);
        Assert.Equal(bytes.Length, read.Length);
        Assert.Equal(0, read.Position);
        Assert.Equal(bytes, await ReadAllAsync(read));
    }

    [Theory, InlineData(Kind.Local), InlineData(Kind.S3)]
    public async Task Writing_again_replaces_the_bytes_from_the_streams_position(Kind kind)
    {
        await using var store = await StoreUnderTest.CreateAsync(kind);
        await store.Files.WriteAsync("t/a", new MemoryStream("first version"u8.ToArray()), FileKinds.Csv, CancellationToken.None);
        var second = new MemoryStream("skip:second"u8.ToArray()) { Position = 5 };

        await store.Files.WriteAsync("t/a", second, FileKinds.Csv, CancellationToken.None);
        await using var read = await store.Files.OpenReadAsync("t/a", CancellationToken.None);

        Assert.Equal("second"u8.ToArray(), await ReadAllAsync(read!));
    }

    [Theory, InlineData(Kind.Local), InlineData(Kind.S3)]
    public async Task A_missing_key_reads_as_null_and_deleting_it_succeeds(Kind kind)
    {
        await using var store = await StoreUnderTest.CreateAsync(kind);

        var read = await store.Files.OpenReadAsync("never/written/key", CancellationToken.None);
        await store.Files.DeleteAsync("never/written/key", CancellationToken.None);

        Assert.Null(read);
    }

    [Theory, InlineData(Kind.Local), InlineData(Kind.S3)]
    public async Task A_deleted_key_reads_as_null(Kind kind)
    {
        await using var store = await StoreUnderTest.CreateAsync(kind);
        await store.Files.WriteAsync("t/gone", new MemoryStream([1, 2, 3]), FileKinds.Jpeg, CancellationToken.None);

        await store.Files.DeleteAsync("t/gone", CancellationToken.None);

        Assert.Null(await store.Files.OpenReadAsync("t/gone", CancellationToken.None));
        Assert.Empty(store.Peer?.Objects ?? new Dictionary<string, S3Object>());
    }

    [Theory]
    [InlineData(Kind.Local, "../outside"), InlineData(Kind.S3, "../outside")]
    [InlineData(Kind.Local, "/etc/passwd"), InlineData(Kind.S3, "/etc/passwd")]
    [InlineData(Kind.Local, "t/../../outside"), InlineData(Kind.S3, "t/../../outside")]
    public async Task A_key_that_would_leave_the_store_is_refused(Kind kind, string key)
    {
        await using var store = await StoreUnderTest.CreateAsync(kind);

        await Assert.ThrowsAsync<ArgumentException>(() => store.Files.WriteAsync(key, new MemoryStream([1]), FileKinds.Csv, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.Files.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.Files.DeleteAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task An_upload_is_one_put_with_a_signed_payload_hash_and_the_content_type()
    {
        await using var peer = await S3ProtocolPeer.StartAsync();
        using var store = new S3FileStore(peer.Options());
        byte[] pdf = [.. "%PDF-1.7\n"u8, .. RandomNumberGenerator.GetBytes(4096)];

        await store.WriteAsync("t/invoice/1", new MemoryStream(pdf), FileKinds.Pdf, CancellationToken.None);

        var put = Assert.Single(peer.Requests);
        Assert.Equal(("PUT", $"/{peer.Bucket}/t/invoice/1", 200), (put.Method, put.RawTarget, put.Status));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), put.ContentSha256);
        Assert.Null(put.ContentEncoding);
        Assert.Equal(FileKinds.Pdf, peer.Objects["t/invoice/1"].ContentType);
        Assert.Equal(pdf, peer.Objects["t/invoice/1"].Content);
    }

    [Fact]
    public async Task A_wrong_secret_key_is_refused_with_SignatureDoesNotMatch()
    {
        await using var peer = await S3ProtocolPeer.StartAsync();
        using var good = new S3FileStore(peer.Options());
        using var forged = new S3FileStore(peer.Options(secretKey: Convert.ToBase64String(RandomNumberGenerator.GetBytes(30))));
        await good.WriteAsync("t/a", new MemoryStream([1, 2, 3]), FileKinds.Jpeg, CancellationToken.None);

        var write = await Assert.ThrowsAsync<AmazonS3Exception>(() => forged.WriteAsync("t/b", new MemoryStream([4]), FileKinds.Jpeg, CancellationToken.None));
        // Refused is not missing: a store that cannot sign must not report the file as gone.
        var read = await Assert.ThrowsAsync<AmazonS3Exception>(() => forged.OpenReadAsync("t/a", CancellationToken.None));
        await Assert.ThrowsAsync<AmazonS3Exception>(() => forged.DeleteAsync("t/a", CancellationToken.None));

        Assert.Equal((HttpStatusCode.Forbidden, "SignatureDoesNotMatch"), (write.StatusCode, write.ErrorCode));
        Assert.Equal((HttpStatusCode.Forbidden, "SignatureDoesNotMatch"), (read.StatusCode, read.ErrorCode));
        Assert.Equal(["t/a"], peer.Objects.Keys);
        Assert.NotNull(await good.OpenReadAsync("t/a", CancellationToken.None));
    }

    [Fact]
    public async Task Keys_live_under_the_prefix_and_cannot_leave_it()
    {
        await using var peer = await S3ProtocolPeer.StartAsync();
        using var prefixed = new S3FileStore(peer.Options(keyPrefix: "/careloop/prod/"));
        using var bare = new S3FileStore(peer.Options());

        await prefixed.WriteAsync("t/a", new MemoryStream([7]), FileKinds.Jpeg, CancellationToken.None);
        var sent = peer.Requests.Count;
        foreach (var key in new[] { "", "t//a", "t/./a", "t/..", "t\\..\\a", "t/a\n" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => prefixed.WriteAsync(key, new MemoryStream([1]), FileKinds.Csv, CancellationToken.None));
        }

        Assert.Equal(["careloop/prod/t/a"], peer.Objects.Keys);
        Assert.Equal(sent, peer.Requests.Count);
        Assert.NotNull(await prefixed.OpenReadAsync("t/a", CancellationToken.None));
        Assert.Null(await bare.OpenReadAsync("t/a", CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_bucket_is_an_error_not_a_missing_file()
    {
        await using var peer = await S3ProtocolPeer.StartAsync();
        var options = peer.Options();
        options.Bucket = "no-such-bucket";
        using var store = new S3FileStore(options);

        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => store.OpenReadAsync("t/a", CancellationToken.None));

        Assert.Equal("NoSuchBucket", error.ErrorCode);
    }

    [Theory]
    [InlineData("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", "bytes=0-9", null)]
    [InlineData("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb42", "bytes=0-9", "SignatureDoesNotMatch")]
    [InlineData("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", "bytes=0-99", "SignatureDoesNotMatch")]
    public void The_peer_checks_signatures_like_the_published_S3_example(string signature, string range, string? error)
    {
        // "Example: GET Object" of the S3 API reference, Signature Version 4 with the Authorization header.
        var verifier = new SigV4Verifier("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "us-east-1",
            new FakeTimeProvider(new DateTimeOffset(2013, 5, 24, 0, 5, 0, TimeSpan.Zero)));
        var request = new DefaultHttpContext().Request;
        request.Method = "GET";
        request.Headers.Host = "examplebucket.s3.amazonaws.com";
        request.Headers.Range = range;
        request.Headers["x-amz-content-sha256"] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        request.Headers["x-amz-date"] = "20130524T000000Z";
        request.Headers.Authorization = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request," +
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=" + signature;

        Assert.Equal(error, verifier.Verify(request, "/test.txt", [])?.Code);
        Assert.Equal("XAmzContentSHA256Mismatch", verifier.Verify(request, "/test.txt", "tampered"u8.ToArray())?.Code);
    }

    [Theory]
    [InlineData("Production", "Files:S3:ServiceUrl is missing. Files:S3:Bucket is missing. Files:S3:AccessKey is missing. Files:S3:SecretKey is missing.")]
    [InlineData("Production", "Files:S3:ServiceUrl must be an absolute http(s) URL.", "ServiceUrl=minio:9000", "Bucket=b", "AccessKey=a", "SecretKey=0123456789abcdef")]
    [InlineData("Production", "Files:S3:SecretKey is a well-known default", "ServiceUrl=http://minio:9000", "Bucket=b", "AccessKey=minioadmin", "SecretKey=minioadmin")]
    [InlineData("Production", "Files:S3:KeyPrefix must be plain path segments", "ServiceUrl=http://minio:9000", "Bucket=b", "AccessKey=a", "SecretKey=0123456789abcdef", "KeyPrefix=../up")]
    [InlineData("Development", "Files:S3:SecretKey is missing.", "ServiceUrl=http://minio:9000", "Bucket=b", "AccessKey=a")]
    public void Incomplete_S3_settings_fail_at_startup_naming_every_problem(string environment, string message, params string[] settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
            settings.Select(s => s.Split('=', 2)).Select(s => KeyValuePair.Create<string, string?>("Files:S3:" + s[0], s[1]))
                .Append(KeyValuePair.Create<string, string?>("Files:Store", "S3"))).Build();
        var host = new HostingEnvironment { EnvironmentName = environment, ContentRootPath = Path.GetTempPath() };

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCareLoopFiles(configuration, host));

        Assert.StartsWith("Files:Store is S3 but the bucket settings are incomplete: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_store_fails_at_startup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create<string, string?>("Files:Store", "Azure")]).Build();

        var error = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddCareLoopFiles(configuration, new HostingEnvironment { ContentRootPath = Path.GetTempPath() }));

        Assert.Equal("Files:Store must be Local or S3, not 'Azure'.", error.Message);
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_the_S3_store_and_no_bucket()
    {
        await using var database = await TestDatabases.CreateEmptyAsync(DatabaseKind.Sqlite);
        await using var app = new CareLoopApp(database, startOutbox: false, settings: new Dictionary<string, string?> { ["Files:Store"] = "S3" });

        var error = Assert.ThrowsAny<Exception>(() => app.StartServer());

        Assert.Contains("Files:S3:Bucket is missing.", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invoice_attached_through_the_api_is_stored_in_the_bucket_and_downloads_back()
    {
        await using var peer = await S3ProtocolPeer.StartAsync();
        await using var database = await TestDatabases.CreateAsync(DatabaseKind.Sqlite);
        await using var app = new CareLoopApp(database, startOutbox: false, settings: peer.Settings(keyPrefix: "careloop"));
        using var agent = await app.ApiAsAsync("agent");
        var unit = UnitId(await agent.GetFromJsonAsync<JsonElement>($"/api/v1/customers/{await CustomerIdAsync(agent, "13812345678")}"), "RVX2000000001");
        byte[] pdf = [.. "%PDF-1.7\n"u8, .. RandomNumberGenerator.GetBytes(2048)];
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "invoice", "invoice.pdf");

        var attached = await agent.PutAsync($"/api/v1/units/{unit}/invoice", form);
        var opened = await agent.GetAsync($"/api/v1/units/{unit}/invoice");

        Assert.Equal(HttpStatusCode.NoContent, attached.StatusCode);
        Assert.Equal(pdf, await opened.Content.ReadAsByteArrayAsync());
        var stored = Assert.Single(peer.Objects);
        Assert.StartsWith("careloop/", stored.Key, StringComparison.Ordinal);
        Assert.Contains("/invoice/", stored.Key, StringComparison.Ordinal);
        Assert.Equal(FileKinds.Pdf, stored.Value.ContentType);
        Assert.Equal(pdf, stored.Value.Content);
        Assert.False(Directory.Exists(app.FilesRoot));
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>One store of either kind, with whatever it needs (a temporary directory or a peer) cleaned up after.</summary>
    private sealed class StoreUnderTest : IAsyncDisposable
    {
        private readonly string? _root;

        private StoreUnderTest(IFileStore files, S3ProtocolPeer? peer, string? root)
        {
            Files = files;
            Peer = peer;
            _root = root;
        }

        public IFileStore Files { get; }

        public S3ProtocolPeer? Peer { get; }

        public static async Task<StoreUnderTest> CreateAsync(Kind kind)
        {
            if (kind == Kind.Local)
            {
                var root = Path.Combine(Path.GetTempPath(), "careloop-store-tests", Guid.NewGuid().ToString("N"));
                return new StoreUnderTest(new LocalFileStore(root), null, root);
            }

            var peer = await S3ProtocolPeer.StartAsync();
            return new StoreUnderTest(new S3FileStore(peer.Options(keyPrefix: "contract")), peer, null);
        }

        public async ValueTask DisposeAsync()
        {
            (Files as IDisposable)?.Dispose();
            if (Peer is not null)
            {
                await Peer.DisposeAsync();
            }

            if (_root is not null && Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }
    }
}

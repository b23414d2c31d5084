using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using CareLoop.Platform.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CareLoop.Tests.Infrastructure;

/// <summary>An object as the peer keeps it.</summary>
public sealed record S3Object(byte[] Content, string ContentType, string ETag, DateTimeOffset LastModified);

/// <summary>A request as it arrived, for assertions on what the client really sent.</summary>
public sealed record S3Request(string Method, string RawTarget, string? ContentSha256, string? ContentEncoding, int Status, string? ErrorCode);

/// <summary>
/// A loopback S3 protocol peer: Kestrel on 127.0.0.1 (free port) speaking the REST subset the file store uses —
/// PutObject, GetObject, HeadObject, DeleteObject, path-style (<c>/bucket/key</c>) — with objects in memory and every
/// request's SigV4 signature checked against one access key pair (<see cref="SigV4Verifier"/>). Errors are S3's XML
/// bodies and codes. It is a protocol peer, not S3: no ACLs, versioning, multipart uploads or listing.
/// </summary>
public sealed class S3ProtocolPeer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SigV4Verifier _verifier;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, S3Object> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<S3Request> _requests = new();

    private S3ProtocolPeer(WebApplication app, string bucket, string region, TimeProvider time)
    {
        _app = app;
        _time = time;
        Bucket = bucket;
        Region = region;
        // Fresh per peer: no secret, not even a test one, is written down in the repository.
        AccessKey = "AKTEST" + Convert.ToHexString(RandomNumberGenerator.GetBytes(7));
        SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        _verifier = new SigV4Verifier(AccessKey, SecretKey, region, time);
        app.Run(HandleAsync);
    }

    public string Bucket { get; }

    public string Region { get; }

    public string AccessKey { get; }

    public string SecretKey { get; }

    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>Objects by key (without the bucket).</summary>
    public IReadOnlyDictionary<string, S3Object> Objects => _objects;

    public IReadOnlyList<S3Request> Requests => [.. _requests];

    public static async Task<S3ProtocolPeer> StartAsync(string bucket = "careloop-files", string region = "cn-north-1", TimeProvider? time = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var peer = new S3ProtocolPeer(builder.Build(), bucket, region, time ?? TimeProvider.System);
        await peer._app.StartAsync();
        var address = peer._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        peer.ServiceUrl = new Uri(address);
        return peer;
    }

    /// <summary>Settings that reach this peer, as <c>Files:S3</c> would bind them.</summary>
    public S3FileStoreOptions Options(string? keyPrefix = null, string? secretKey = null) => new()
    {
        ServiceUrl = ServiceUrl.ToString(),
        Region = Region,
        Bucket = Bucket,
        AccessKey = AccessKey,
        SecretKey = secretKey ?? SecretKey,
        KeyPrefix = keyPrefix,
    };

    /// <summary>The same settings as configuration keys, for a whole CareLoop host.</summary>
    public Dictionary<string, string?> Settings(string? keyPrefix = null) => new()
    {
        ["Files:Store"] = "S3",
        ["Files:S3:ServiceUrl"] = ServiceUrl.ToString(),
        ["Files:S3:Region"] = Region,
        ["Files:S3:Bucket"] = Bucket,
        ["Files:S3:AccessKey"] = AccessKey,
        ["Files:S3:SecretKey"] = SecretKey,
        ["Files:S3:KeyPrefix"] = keyPrefix,
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        // The path exactly as sent: Kestrel's Request.Path is decoded and has dot segments removed.
        var rawTarget = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();

        var key = "";
        var error = _verifier.Verify(request, rawTarget, body) ?? Route(rawTarget, out key) ?? await ExecuteAsync(http, key, body);

        if (error is not null)
        {
            await WriteErrorAsync(http.Response, error, request.Method == HttpMethods.Head);
        }

        _requests.Enqueue(new S3Request(request.Method, rawTarget, request.Headers["x-amz-content-sha256"].FirstOrDefault(),
            request.Headers.ContentEncoding.FirstOrDefault(), http.Response.StatusCode, error?.Code));
    }

    /// <summary>Path-style addressing: <c>/bucket/key</c>, the key percent-decoded.</summary>
    private S3Error? Route(string rawTarget, out string key)
    {
        key = "";
        var segments = rawTarget.Split('?', 2)[0].TrimStart('/').Split('/', 2);
        if (Uri.UnescapeDataString(segments[0]) != Bucket)
        {
            return new S3Error(404, "NoSuchBucket", "The specified bucket does not exist.");
        }

        if (segments.Length < 2 || segments[1].Length == 0)
        {
            return new S3Error(501, "NotImplemented", "Bucket operations are not implemented by this peer.");
        }

        key = Uri.UnescapeDataString(segments[1]);
        return null;
    }

    private async Task<S3Error?> ExecuteAsync(HttpContext http, string key, byte[] body)
    {
        var response = http.Response;
        response.Headers["x-amz-request-id"] = http.TraceIdentifier;
        switch (http.Request.Method)
        {
            case "PUT":
                var stored = new S3Object(body, http.Request.ContentType ?? "binary/octet-stream", ETagOf(body), _time.GetUtcNow());
                _objects[key] = stored;
                response.Headers.ETag = stored.ETag;
                return null;
            case "GET" or "HEAD":
                if (!_objects.TryGetValue(key, out var found))
                {
                    return new S3Error(404, "NoSuchKey", "The specified key does not exist.", new Dictionary<string, string> { ["Key"] = key });
                }

                response.ContentType = found.ContentType;
                response.ContentLength = found.Content.Length;
                response.Headers.ETag = found.ETag;
                response.Headers.LastModified = found.LastModified.ToString("R", CultureInfo.InvariantCulture);
                if (http.Request.Method == "GET")
                {
                    await response.Body.WriteAsync(found.Content, http.RequestAborted);
                }

                return null;
            case "DELETE":
                _objects.TryRemove(key, out _);
                response.StatusCode = 204;
                return null;
            default:
                return new S3Error(501, "NotImplemented", $"{http.Request.Method} is not implemented by this peer.");
        }
    }

    private static async Task WriteErrorAsync(HttpResponse response, S3Error error, bool head)
    {
        response.StatusCode = error.Status;
        if (head)
        {
            return;
        }

        var xml = new XElement("Error", new XElement("Code", error.Code), new XElement("Message", error.Message),
            (error.Details ?? new Dictionary<string, string>()).Select(d => new XElement(d.Key, d.Value)));
        response.ContentType = "application/xml";
        await response.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml.ToString(SaveOptions.DisableFormatting));
    }

#pragma warning disable CA5351 // S3 defines a single-part object's ETag as the MD5 of its bytes; clients compare it.
    private static string ETagOf(byte[] content) => "\"" + Convert.ToHexStringLower(MD5.HashData(content)) + "\"";
#pragma warning restore CA5351
}

using System.Net;
using System.Text.Json;

namespace CareLoop.Tests.Infrastructure;

public static class ProblemAssert
{
    /// <summary>Asserts an RFC 9457 problem detail with the status, stable code, a title and a trace id; returns it.</summary>
    public static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, json.GetProperty("code").GetString());
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("traceId").GetString()));
        return json;
    }

    /// <summary>Asserts a 422 validation problem listing this field with this code (among others).</summary>
    public static async Task HasFieldErrorAsync(HttpResponseMessage response, string field, string code)
    {
        var problem = await IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "validation_failed");
        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString() + ":" + e.GetProperty("code").GetString()).ToList();
        Assert.Contains(field + ":" + code, errors);
    }
}

using System.Net;
using System.Net.Http.Json;
using CareLoop.Tests.Infrastructure;

namespace CareLoop.Tests.Platform;

/// <summary>Each role reaches exactly its actions: the expected table is written out here, not derived from the code.</summary>
public sealed class RoleAccessTests
{
    private static readonly (string User, string Action, HttpStatusCode Expected)[] Matrix =
    [
        ("admin", "list-users", HttpStatusCode.OK),
        ("admin", "create-user", HttpStatusCode.UnprocessableEntity),
        ("admin", "audit", HttpStatusCode.OK),
        ("admin", "outbox", HttpStatusCode.OK),
        ("supervisor", "list-users", HttpStatusCode.OK),
        ("supervisor", "create-user", HttpStatusCode.Forbidden),
        ("supervisor", "audit", HttpStatusCode.OK),
        ("supervisor", "outbox", HttpStatusCode.Forbidden),
        ("agent", "list-users", HttpStatusCode.Forbidden),
        ("agent", "create-user", HttpStatusCode.Forbidden),
        ("agent", "audit", HttpStatusCode.Forbidden),
        ("agent", "outbox", HttpStatusCode.Forbidden),
        ("dispatcher", "list-users", HttpStatusCode.OK),
        ("dispatcher", "create-user", HttpStatusCode.Forbidden),
        ("dispatcher", "audit", HttpStatusCode.Forbidden),
        ("engineer", "list-users", HttpStatusCode.Forbidden),
        ("engineer", "audit", HttpStatusCode.Forbidden),
        ("technician", "list-users", HttpStatusCode.Forbidden),
        ("warehouse", "list-users", HttpStatusCode.Forbidden),
        ("warehouse", "outbox", HttpStatusCode.Forbidden),
        ("quality", "audit", HttpStatusCode.OK),
        ("quality", "create-user", HttpStatusCode.Forbidden),
    ];

    [Fact]
    public async Task Each_role_reaches_only_its_actions()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        var failures = new List<string>();
        foreach (var group in Matrix.GroupBy(m => m.User))
        {
            using var client = await app.ApiAsAsync(group.Key);
            foreach (var (user, action, expected) in group)
            {
                var response = await SendAsync(client, action);
                if (response.StatusCode != expected)
                {
                    failures.Add($"{user} {action}: expected {(int)expected}, got {(int)response.StatusCode}");
                }

                if (expected == HttpStatusCode.Forbidden)
                {
                    await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "forbidden");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_role_may_see_itself_and_manage_its_own_tokens()
    {
        await using var app = await CareLoopApp.StartAsync(DatabaseKind.Sqlite, startOutbox: false);
        foreach (var user in new[] { "admin", "supervisor", "agent", "dispatcher", "engineer", "technician", "warehouse", "quality" })
        {
            using var client = await app.ApiAsAsync(user);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me/tokens")).StatusCode);
        }
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string action) => action switch
    {
        "list-users" => client.GetAsync("/api/v1/users"),
        // An empty body: allowed callers get 422 (validation), others 403 before validation.
        "create-user" => client.PostAsJsonAsync("/api/v1/users", new { }),
        "audit" => client.GetAsync("/api/v1/audit-events"),
        "outbox" => client.GetAsync("/api/v1/admin/outbox"),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}

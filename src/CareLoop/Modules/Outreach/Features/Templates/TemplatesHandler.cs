using System.Security.Claims;
using CareLoop.Modules.Outreach.Contracts;
using CareLoop.Modules.Outreach.Domain;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Results;
using Microsoft.EntityFrameworkCore;

namespace CareLoop.Modules.Outreach.Features.Templates;

public sealed record TemplateDto(Guid Id, string Key, ContactChannel Channel, string Text, string ProviderTemplateId, string? Url, IReadOnlyList<string> Placeholders, long Version);

/// <summary>A template as saved: <c>providerTemplateId</c> is the SMS template code or the WeChat template id; <c>expectedVersion</c> for a change.</summary>
public sealed record SaveTemplateRequest(string? Key, ContactChannel Channel, string? Text, string? ProviderTemplateId, string? Url, long? ExpectedVersion);

/// <summary>
/// The tenant's message templates, the one store every module sends from: one per key and channel; a placeholder
/// outside the known list is refused, naming it; a key another module owns (<see cref="ITemplateKeyRule"/>) is also checked by that module's rule.
/// </summary>
public sealed partial class TemplatesHandler(CareLoopDbContext db, IEnumerable<ITemplateKeyRule> rules, TimeProvider time)
{
    public const string UnknownPlaceholder = "unknown_placeholder";

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,59}$")]
    private static partial System.Text.RegularExpressions.Regex KeyFormat();

    public async Task<IReadOnlyList<TemplateDto>> ListAsync(CancellationToken cancellationToken) =>
        (await db.Set<MessageTemplate>().AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(t => t.Key, StringComparer.Ordinal).ThenBy(t => t.Channel).Select(ToDto).ToList();

    public async Task<Result<TemplateDto>> SaveAsync(ClaimsPrincipal actor, Guid? id, SaveTemplateRequest request, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettingsManage))
        {
            return Error.Forbidden();
        }

        var key = (request.Key ?? "").Trim();
        var text = (request.Text ?? "").Trim();
        var providerId = (request.ProviderTemplateId ?? "").Trim();
        var url = string.IsNullOrWhiteSpace(request.Url) ? null : request.Url.Trim();
        var v = new Validation().Required("key", key).Required("text", text).MaxLength("text", text, 500).MaxLength("providerTemplateId", providerId, 100)
            .MaxLength("url", url, 500);
        if (key.Length > 0 && !KeyFormat().IsMatch(key))
        {
            v.Add("key", ErrorCodes.InvalidFormat);
        }

        if (!Enum.IsDefined(request.Channel))
        {
            v.Add("channel", ErrorCodes.InvalidFormat);
        }
        else if (request.Channel != ContactChannel.Phone && providerId.Length == 0)
        {
            v.Add("providerTemplateId", ErrorCodes.Required);
        }

        if (url is not null && !Uri.TryCreate(TemplateText.Render(url, new Dictionary<string, string>()).Replace("{", "").Replace("}", ""), UriKind.Absolute, out _))
        {
            v.Add("url", ErrorCodes.InvalidFormat);
        }

        foreach (var (field, value) in new[] { ("text", text), ("url", url ?? "") })
        {
            var unknown = TemplateText.Unknown(value);
            if (unknown.Count > 0)
            {
                v.Add(field, UnknownPlaceholder, string.Join(", ", unknown.Select(p => "{" + p + "}")), string.Join(" ", OutreachPlaceholders.Known.Order(StringComparer.Ordinal).Select(p => "{" + p + "}")));
            }
        }

        if (key.Length > 0 && rules.FirstOrDefault(r => key.StartsWith(r.Prefix, StringComparison.Ordinal)) is { } rule)
        {
            // Unknown names are refused above already: the rule judges the known ones.
            var used = TemplateText.Placeholders(text).Concat(TemplateText.Placeholders(url ?? "")).Distinct().Where(OutreachPlaceholders.Known.Contains).ToList();
            foreach (var issue in rule.Check(key, used))
            {
                v.Add(issue.Field, issue.Code, issue.Args);
            }
        }

        if (v.IsValid && await db.Set<MessageTemplate>().AnyAsync(t => t.Key == key && t.Channel == request.Channel && t.Id != id, cancellationToken))
        {
            v.Add("key", ErrorCodes.Duplicate, $"{key} ({request.Channel})");
        }

        if (v.ToError() is { } invalid)
        {
            return invalid;
        }

        MessageTemplate template;
        if (id is { } existing)
        {
            var found = await db.Set<MessageTemplate>().SingleOrDefaultAsync(t => t.Id == existing, cancellationToken);
            if (found is null)
            {
                return Error.NotFound();
            }

            if (request.ExpectedVersion is { } expected && expected != found.Version)
            {
                return Error.Conflict(ErrorCodes.ConcurrencyConflict);
            }

            template = found;
        }
        else
        {
            template = MessageTemplate.Create(key, request.Channel, time.GetUtcNow());
            db.Add(template);
        }

        template.Change(key, request.Channel, text, providerId, url);
        await db.SaveChangesAsync(cancellationToken);
        return ToDto(template);
    }

    public async Task<Result<bool>> DeleteAsync(ClaimsPrincipal actor, Guid id, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SettingsManage))
        {
            return Error.Forbidden();
        }

        var deleted = await db.Set<MessageTemplate>().Where(t => t.Id == id).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Error.NotFound();
        }

        return true;
    }

    private static TemplateDto ToDto(MessageTemplate t) => new(t.Id, t.Key, t.Channel, t.Text, t.ProviderTemplateId, t.Url, t.Placeholders(), t.Version);
}

using CareLoop.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CareLoop.Platform.SavedViews;

/// <summary>
/// A named set of list filters a user keeps, e.g. "我的超时工单" or "深圳 · 安装 · 待派": the page it belongs to and
/// its query string. Private to its owner unless shared with the tenant.
/// </summary>
public sealed class SavedView : ITenantOwned
{
    private SavedView()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid OwnerId { get; private set; }

    /// <summary>Which list: e.g. <c>work-orders</c>.</summary>
    public string Page { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The filters as the list's query string, without the leading <c>?</c> (e.g. <c>state=assigned&amp;sla=atRisk</c>).</summary>
    public string Query { get; private set; } = "";

    public bool IsShared { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static SavedView Create(Guid tenantId, Guid ownerId, string page, string name, string query, bool shared, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        OwnerId = ownerId,
        Page = page,
        Name = name.Trim(),
        Query = query.TrimStart('?'),
        IsShared = shared,
        CreatedAt = now,
    };
}

internal sealed class SavedViewConfiguration : IEntityTypeConfiguration<SavedView>
{
    public void Configure(EntityTypeBuilder<SavedView> b)
    {
        b.ToTable("SavedViews");
        b.HasKey(v => v.Id);
        b.Property(v => v.Page).HasMaxLength(64);
        b.Property(v => v.Name).HasMaxLength(60);
        b.Property(v => v.Query).HasMaxLength(1000);
        b.HasIndex(v => new { v.TenantId, v.Page, v.OwnerId });
    }
}

using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Tenancy;

namespace CareLoop.Modules.WorkOrders.Domain;

public enum AttachmentKind
{
    Photo = 1,
    Signature = 2,
    Invoice = 3,
    Other = 4,
}

/// <summary>Evidence on a work order: a sanitized photo (no metadata) with its thumbnail, a signature, a receipt.</summary>
public sealed class WorkOrderAttachment : ITenantOwned
{
    private WorkOrderAttachment()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public Guid FileId { get; private set; }

    public Guid? ThumbnailFileId { get; private set; }

    public AttachmentKind Kind { get; private set; }

    public string? Caption { get; private set; }

    public Guid? UploadedById { get; private set; }

    public string UploadedByName { get; private set; } = "";

    public DateTimeOffset UploadedAt { get; private set; }

    public static WorkOrderAttachment Create(
        Guid tenantId, Guid workOrderId, Guid fileId, Guid? thumbnailFileId, AttachmentKind kind, string? caption, WorkOrderActor actor, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        WorkOrderId = workOrderId,
        FileId = fileId,
        ThumbnailFileId = thumbnailFileId,
        Kind = kind,
        Caption = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim(),
        UploadedById = actor.UserId,
        UploadedByName = actor.Name,
        UploadedAt = now,
    };
}

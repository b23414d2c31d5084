namespace CareLoop.Modules.Dispatch.Features.Board;

/// <summary>The order a dispatcher is placing: a queued order, or an engineer's job being reassigned (it has a current engineer).</summary>
public sealed record AssignTarget(Guid Id, string Number, long Version, Guid? CurrentEngineerId, string Kind, string? CustomerName, string? AreaName, bool IsQueued)
{
    public bool IsReassignment => CurrentEngineerId is not null;

    public static AssignTarget Of(QueuedOrderView order, string? areaName) =>
        new(order.Id, order.Number, order.Version, null, order.Kind, order.CustomerName, areaName, IsQueued: true);

    public static AssignTarget Of(BoardJob job, EngineerLoadView engineer, string? areaName) =>
        new(job.Id, job.Number, job.Version, engineer.Id, "", null, areaName, IsQueued: false);
}

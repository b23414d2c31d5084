namespace CareLoop.Modules.WorkOrders.Contracts;

/// <summary>
/// Live-update topics of work orders (<see cref="Platform.Realtime.ChangeTopics"/>): one per order, one for any change
/// to the list. Other modules' live screens (the dispatcher board) listen to the list.
/// </summary>
public static class WorkOrderTopics
{
    public const string Order = "work-order";
    public const string List = "work-orders";
}

using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Modules.WorkOrders.Domain;
using CareLoop.Platform.Identity;

namespace CareLoop.Tests.Domain;

public sealed class WorkOrderStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid Engineer = Guid.NewGuid();
    private static readonly WorkOrderActor Everyone = new(Engineer, "everyone", Roles.All.ToHashSet());

    public static TheoryData<WorkOrderKind> Kinds => new(Enum.GetValues<WorkOrderKind>());

    [Theory, MemberData(nameof(Kinds))]
    public void Every_action_from_every_reachable_state_succeeds_exactly_when_the_table_allows_it(WorkOrderKind kind)
    {
        var paths = ReachableStates(kind);
        var checkedPairs = 0;
        foreach (var (state, path) in paths)
        {
            foreach (var action in Enum.GetValues<WorkOrderAction>())
            {
                var order = Replay(kind, path);
                var legal = WorkOrderTransitions.Find(kind, state, action) is not null;
                var result = order.Apply(action, InputFor(action, state), Everyone, Now);
                Assert.True(legal == result.IsSuccess, $"{kind}: {state} --{action}--> expected {(legal ? "legal" : "refused")}, got {result.Error?.Code ?? result.Value.ToString()}");
                if (!legal)
                {
                    Assert.Equal("illegal_transition", result.Error!.Code);
                    Assert.Equal(state, order.State);
                }

                checkedPairs++;
            }
        }

        Assert.True(paths.Count >= (kind == WorkOrderKind.MailInRepair ? 15 : 12), $"only {paths.Count} states reachable for {kind}");
        Assert.Equal(paths.Count * Enum.GetValues<WorkOrderAction>().Length, checkedPairs);
    }

    [Fact]
    public void Every_transition_in_the_table_is_reachable_on_some_path() =>
        Assert.All(WorkOrderTransitions.Table, t => Assert.Contains(
            Enum.GetValues<WorkOrderKind>().Where(k => t.Flow == WorkOrderFlow.Both || t.Flow == WorkOrderTransitions.FlowOf(k)),
            k => ReachableStates(k).ContainsKey(t.From)));

    [Theory]
    [InlineData(WorkOrderAction.Decline)]
    [InlineData(WorkOrderAction.Suspend)]
    [InlineData(WorkOrderAction.Cancel)]
    public void Decline_suspend_and_cancel_need_a_reason(WorkOrderAction action)
    {
        var order = Replay(WorkOrderKind.OnSiteRepair, [(WorkOrderAction.Assign, Input(assignee: Engineer))]);

        var result = order.Apply(action, new TransitionInput(Reason: " "), Everyone, Now);

        Assert.Equal("validation_failed", result.Error!.Code);
        Assert.Equal("reason", result.Error.Fields!.Single().Field);
        Assert.Equal(WorkOrderState.Assigned, order.State);
        Assert.Equal(2, order.Timeline.Count);
    }

    [Fact]
    public void A_reopen_within_30_days_of_completion_is_a_repeat_repair_and_later_it_is_not()
    {
        var soon = Completed();
        var late = Completed();

        soon.Apply(WorkOrderAction.Reopen, Input(reason: "又坏了"), Everyone, Now.AddDays(29));
        late.Apply(WorkOrderAction.Reopen, Input(reason: "又坏了"), Everyone, Now.AddDays(31));

        Assert.True(soon.IsRepeatRepair);
        Assert.False(late.IsRepeatRepair);
        Assert.Equal(WorkOrderState.Reopened, soon.State);
        Assert.Null(soon.AssigneeId);
    }

    [Fact]
    public void An_engineer_acts_only_on_orders_assigned_to_them()
    {
        var order = Replay(WorkOrderKind.Installation, [(WorkOrderAction.Assign, Input(assignee: Engineer))]);
        var other = new WorkOrderActor(Guid.NewGuid(), "other engineer", new HashSet<string> { Roles.Engineer });
        var agent = new WorkOrderActor(Guid.NewGuid(), "agent", new HashSet<string> { Roles.Agent });

        Assert.Equal("forbidden", order.Apply(WorkOrderAction.Accept, Input(), other, Now).Error!.Code);
        Assert.Equal("forbidden", order.Apply(WorkOrderAction.Accept, Input(), agent, Now).Error!.Code);
        Assert.Empty(order.ActionsFor(other));
        Assert.True(order.Apply(WorkOrderAction.Accept, Input(), new WorkOrderActor(Engineer, "engineer", new HashSet<string> { Roles.Engineer }), Now).IsSuccess);
    }

    [Fact]
    public void Resume_returns_to_the_state_the_suspension_interrupted_and_windows_must_lie_ahead()
    {
        var order = Replay(WorkOrderKind.OnSiteRepair, [(WorkOrderAction.Assign, Input(assignee: Engineer)), (WorkOrderAction.Accept, Input())]);

        var past = order.Apply(WorkOrderAction.Schedule, new TransitionInput(Window: new AppointmentWindow(Now.AddHours(-3), Now.AddHours(-1))), Everyone, Now);
        var backwards = order.Apply(WorkOrderAction.Schedule, new TransitionInput(Window: new AppointmentWindow(Now.AddHours(3), Now.AddHours(1))), Everyone, Now);
        order.Apply(WorkOrderAction.Suspend, Input(reason: "等配件"), Everyone, Now);
        var resumed = order.Apply(WorkOrderAction.Resume, Input(), Everyone, Now);

        Assert.Equal("window.start", past.Error!.Fields!.Single().Field);
        Assert.Equal("window.end", backwards.Error!.Fields!.Single().Field);
        Assert.Equal(WorkOrderState.Accepted, resumed.Value);
        Assert.Null(order.SuspendedFrom);
    }

    private static WorkOrder Completed() =>
        Replay(WorkOrderKind.OnSiteRepair,
        [
            (WorkOrderAction.Assign, Input(assignee: Engineer)), (WorkOrderAction.Accept, Input()), (WorkOrderAction.Schedule, InputFor(WorkOrderAction.Schedule, WorkOrderState.Accepted)),
            (WorkOrderAction.CheckIn, Input()), (WorkOrderAction.Complete, Input()),
        ]);

    /// <summary>Breadth-first over the table from Created: the shortest path of actions to each reachable state.</summary>
    private static Dictionary<WorkOrderState, List<(WorkOrderAction, TransitionInput)>> ReachableStates(WorkOrderKind kind)
    {
        var paths = new Dictionary<WorkOrderState, List<(WorkOrderAction, TransitionInput)>> { [WorkOrderState.Created] = [] };
        var queue = new Queue<WorkOrderState>([WorkOrderState.Created]);
        while (queue.TryDequeue(out var state))
        {
            foreach (var transition in WorkOrderTransitions.From(kind, state))
            {
                var order = Replay(kind, paths[state]);
                var step = (transition.Action, InputFor(transition.Action, state));
                var moved = order.Apply(step.Action, step.Item2, Everyone, Now);
                Assert.True(moved.IsSuccess, $"{kind}: {state} --{transition.Action}--> {moved.Error?.Code}");
                if (paths.TryAdd(moved.Value, [.. paths[state], step]))
                {
                    queue.Enqueue(moved.Value);
                }
            }
        }

        return paths;
    }

    private static WorkOrder Replay(WorkOrderKind kind, IEnumerable<(WorkOrderAction Action, TransitionInput Input)> path)
    {
        var order = WorkOrder.Create(Guid.NewGuid(), "WO261124TEST1", kind, WorkOrderPriority.Normal, Guid.NewGuid(), Guid.NewGuid(), "440305", "不制水", Everyone, Now.AddHours(-1));
        foreach (var (action, input) in path)
        {
            var result = order.Apply(action, input, Everyone, Now);
            Assert.True(result.IsSuccess, $"replaying {action}: {result.Error?.Code}");
        }

        return order;
    }

    /// <summary>A valid input for the action: the engineer to assign (another one to reassign: the same is no change), a window ahead, a reason.</summary>
    private static TransitionInput InputFor(WorkOrderAction action, WorkOrderState state) => action switch
    {
        WorkOrderAction.Assign => Input(assignee: state == WorkOrderState.Assigned ? Guid.NewGuid() : Engineer),
        WorkOrderAction.Schedule or WorkOrderAction.Reschedule => new TransitionInput("客户改时间", Window: new AppointmentWindow(Now.AddDays(1), Now.AddDays(1).AddHours(2)), Cause: RescheduleCause.Customer),
        _ => Input(reason: "原因"),
    };

    private static TransitionInput Input(Guid? assignee = null, string? reason = null) => new(reason, assignee);
}

using System.Text;
using CareLoop.Modules.WorkOrders.Contracts;

namespace CareLoop.Modules.WorkOrders.Domain;

/// <summary>Renders <see cref="WorkOrderTransitions.Table"/> as Mermaid state diagrams for <c>docs/work-order-states.md</c>.</summary>
public static class WorkOrderStateDiagram
{
    public static string Render()
    {
        var text = new StringBuilder();
        foreach (var (title, flow) in new[] { ("On-site kinds (installation, repair, guidance, maintenance)", WorkOrderFlow.OnSite), ("Mail-in repair", WorkOrderFlow.MailIn) })
        {
            text.Append("## ").Append(title).Append("\n\n```mermaid\nstateDiagram-v2\n    [*] --> created\n");
            var onPath = WorkOrderTransitions.Table.Where(t => t.Flow == flow || t.Flow == WorkOrderFlow.Both).ToList();
            foreach (var t in onPath)
            {
                // Resume goes back to wherever the suspension came from: one arrow per suspendable state.
                var targets = t.To is { } target
                    ? [target]
                    : onPath.Where(s => s.Action == WorkOrderAction.Suspend).Select(s => s.From).ToList();
                foreach (var to in targets)
                {
                    text.Append("    ").Append(WorkOrderStateNames.Of(t.From)).Append(" --> ").Append(WorkOrderStateNames.Of(to)).Append(" : ")
                        .Append(WorkOrder.ToCamel(t.Action)).Append(t.NeedsReason ? " (reason)" : "").Append('\n');
                }
            }

            text.Append("    closed --> [*]\n    cancelled --> [*]\n```\n\n");
        }

        text.Append("## Who may act\n\n| from | action | to | path | roles | reason |\n|---|---|---|---|---|---|\n");
        foreach (var t in WorkOrderTransitions.Table)
        {
            text.Append("| ").Append(WorkOrderStateNames.Of(t.From)).Append(" | ").Append(WorkOrder.ToCamel(t.Action)).Append(" | ")
                .Append(t.To is { } to ? WorkOrderStateNames.Of(to) : "(state before suspension)").Append(" | ")
                .Append(t.Flow switch { WorkOrderFlow.OnSite => "on-site", WorkOrderFlow.MailIn => "mail-in", _ => "both" }).Append(" | ")
                .Append(string.Join(", ", t.Roles.Order(StringComparer.Ordinal))).Append(" | ").Append(t.NeedsReason ? "required" : "").Append(" |\n");
        }

        return text.ToString();
    }
}

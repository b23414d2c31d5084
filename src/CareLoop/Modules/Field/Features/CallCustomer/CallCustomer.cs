using System.Security.Claims;
using CareLoop.Modules.Customers.Contracts;
using CareLoop.Modules.WorkOrders.Contracts;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Results;

namespace CareLoop.Modules.Field.Features.CallCustomer;

/// <param name="Phone">E.164, for a <c>tel:</c> link.</param>
public sealed record CustomerLine(Guid WorkOrderId, string Phone);

/// <summary>
/// The customer's full number for the engineer who holds the job, and for nobody else (another engineer's job does
/// not exist for them). Every reveal is audited by the Customers module, with the job's number as its purpose.
/// </summary>
public sealed class CallCustomerHandler(IEngineerJobs jobs, ICustomerDirectory customers)
{
    public async Task<Result<CustomerLine>> HandleAsync(ClaimsPrincipal actor, Guid workOrderId, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MobileUse))
        {
            return Error.Forbidden();
        }

        if (await jobs.FindMineAsync(actor, workOrderId, cancellationToken) is not { } job)
        {
            return Error.NotFound();
        }

        var phone = await customers.RevealPrimaryPhoneAsync(job.CustomerId, "work-order " + job.Number, cancellationToken);
        return phone is null ? Error.Conflict(ErrorCodes.NoPhone) : new CustomerLine(workOrderId, phone);
    }
}

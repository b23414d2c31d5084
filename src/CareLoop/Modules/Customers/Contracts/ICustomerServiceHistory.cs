namespace CareLoop.Modules.Customers.Contracts;

/// <summary>
/// The service a customer has had, as the customer 360 shows it. Implemented by the module that owns service
/// (work orders); until that module is registered the history is empty (<see cref="NoServiceHistory"/>).
/// </summary>
public interface ICustomerServiceHistory
{
    Task<IReadOnlyList<ServiceRecord>> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken);
}

public sealed record ServiceRecord(Guid Id, string Number, string Kind, string State, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, bool IsOpen);

public sealed class NoServiceHistory : ICustomerServiceHistory
{
    public Task<IReadOnlyList<ServiceRecord>> ForCustomerAsync(Guid customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ServiceRecord>>([]);
}

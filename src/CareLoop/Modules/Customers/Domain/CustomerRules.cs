namespace CareLoop.Modules.Customers.Domain;

/// <summary>Named rules of customers and their units; pure.</summary>
public static class CustomerRules
{
    public const int DefaultGoodwillLimitDays = 30;
    public const int MaxExtensionDays = 3650;
}

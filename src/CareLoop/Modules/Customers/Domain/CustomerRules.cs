namespace CareLoop.Modules.Customers.Domain;

/// <summary>Named rules of customers and their units; pure.</summary>
public static class CustomerRules
{
    /// <summary>A customer's name as stored (the column's length).</summary>
    public const int MaxNameLength = 100;

    public const int DefaultGoodwillLimitDays = 30;
    public const int MaxGoodwillLimitDays = 365;
    public const int MaxExtensionDays = 3650;

    public static readonly TimeSpan VerificationCodeLifetime = TimeSpan.FromMinutes(10);
    public const int VerificationMaxAttempts = 5;

    /// <summary>A phone gets a new code at most this often …</summary>
    public static readonly TimeSpan VerificationResendInterval = TimeSpan.FromSeconds(60);

    /// <summary>… and at most this many a day (carriers flag more as SMS bombing).</summary>
    public const int VerificationMaxPerDay = 10;

    /// <summary>Invoices: a phone photo or an e-invoice PDF.</summary>
    public const long MaxInvoiceBytes = 10 * 1024 * 1024;
}

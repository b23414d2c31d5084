namespace CareLoop.Platform.Security;

/// <summary>
/// Outside Development the app refuses to start with a missing secret or one of the well-known development defaults.
/// The list grows with the modules (PII encryption key, integration secrets, payment keys…).
/// </summary>
public static class SecretsValidator
{
    public const string DataEncryptionKey = "Security:DataEncryptionKey";

    public const string WeChatPayApiV3Key = "Payments:WeChat:ApiV3Key";

    public const string WeChatPayPlatformPublicKey = "Payments:WeChat:PlatformPublicKey";

    /// <summary>The development key from appsettings.Development.json: public, so never accepted elsewhere.</summary>
    public const string DevelopmentDataEncryptionKey = "9e+g1h6g4HdKhGZgvz7F5Q2dMj1Mpy8g6OYQBSAx61Q=";

    /// <summary>Values that are fine on a laptop and fatal anywhere else.</summary>
    private static readonly string[] KnownDefaults =
        ["postgres", "password", "careloop", "changeme", "secret", "Development-only", "CareLoop-Demo-1"];

    public static IReadOnlyList<string> Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            return [];
        }

        var problems = new List<string>();
        if (string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            var cs = configuration.GetConnectionString("CareLoop");
            if (string.IsNullOrWhiteSpace(cs))
            {
                problems.Add("ConnectionStrings:CareLoop is missing.");
            }
            else if (PasswordOf(cs) is var pw && (string.IsNullOrEmpty(pw) || IsKnownDefault(pw)))
            {
                problems.Add("ConnectionStrings:CareLoop has no password or a default one.");
            }
        }

        var dataKey = configuration[DataEncryptionKey];
        if (string.IsNullOrWhiteSpace(dataKey) || dataKey == DevelopmentDataEncryptionKey || !IsBase64Key(dataKey))
        {
            problems.Add($"{DataEncryptionKey} must be a 32-byte base64 key of this deployment (not the development key).");
        }

        // WeChat Pay (ADR 0023): Development makes its own keys at start; anywhere else they are this merchant's.
        var apiV3Key = configuration[WeChatPayApiV3Key];
        if (string.IsNullOrWhiteSpace(apiV3Key) || apiV3Key.Length != 32 || !System.Text.Ascii.IsValid(apiV3Key) || IsKnownDefault(apiV3Key))
        {
            problems.Add($"{WeChatPayApiV3Key} must be the merchant's 32-character APIv3 key.");
        }

        if (!IsRsaPublicKey(configuration[WeChatPayPlatformPublicKey]))
        {
            problems.Add($"{WeChatPayPlatformPublicKey} must be WeChat Pay's platform public key (PEM).");
        }

        foreach (var key in new[] { "Demo:Password", "Demo:IntegrationSecret" })
        {
            if (!string.IsNullOrEmpty(configuration[key]))
            {
                problems.Add($"{key} is a development setting and must not be set outside Development.");
            }
        }

        return problems;
    }

    public static void ThrowIfUnsafe(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = Problems(configuration, environment);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Refusing to start outside Development: " + string.Join(" ", problems));
        }
    }

    private static bool IsRsaPublicKey(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return false;
        }

        using var rsa = System.Security.Cryptography.RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa.KeySize >= 2048;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsBase64Key(string value)
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(value, buffer, out var length) && length == 32;
    }

    public static bool IsKnownDefault(string value) =>
        KnownDefaults.Any(d => string.Equals(d, value.Trim(), StringComparison.OrdinalIgnoreCase));

    private static string? PasswordOf(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Password", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim())
            .FirstOrDefault();
}

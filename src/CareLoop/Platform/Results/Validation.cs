namespace CareLoop.Platform.Results;

/// <summary>Collects every field error of a request so the client sees them all at once.</summary>
public sealed class Validation
{
    private readonly List<FieldError> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public Validation Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _errors.Add(new FieldError(field, ErrorCodes.Required));
        }

        return this;
    }

    public Validation MaxLength(string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            _errors.Add(new FieldError(field, ErrorCodes.TooLong, max));
        }

        return this;
    }

    public Validation Range(string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            _errors.Add(new FieldError(field, ErrorCodes.OutOfRange, min, max));
        }

        return this;
    }

    public Validation Add(string field, string code, params object[] args)
    {
        _errors.Add(new FieldError(field, code, args));
        return this;
    }

    /// <summary>Adds another check's field errors (e.g. a module's contract), so a caller reports every error at once.</summary>
    public Validation Merge(Error? error)
    {
        foreach (var field in error?.Fields ?? [])
        {
            Add(field.Field, field.Code, field.Args);
        }

        return this;
    }

    public Error? ToError() => IsValid ? null : Error.Validation(_errors.ToArray());
}

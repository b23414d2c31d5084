namespace CareLoop.Platform.Results;

/// <summary>
/// An expected failure: a stable machine code (part of the public API contract), the HTTP status it maps to,
/// and optional arguments for the localized message (<c>Problem.{code}.Detail</c> in the resources).
/// </summary>
public sealed record Error(string Code, int Status, IReadOnlyList<FieldError>? Fields = null, params object[] Args)
{
    /// <summary>Extra members of the problem detail, e.g. the current state and version with a 409.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public static Error Validation(IReadOnlyList<FieldError> fields) => new(ErrorCodes.ValidationFailed, 422, fields);
    public static Error NotFound(string code = ErrorCodes.NotFound) => new(code, 404);
    public static Error Conflict(string code) => new(code, 409);
    public static Error Forbidden(string code = ErrorCodes.Forbidden) => new(code, 403);
    public static Error BadRequest(string code) => new(code, 400);
}

/// <summary>One invalid field: the JSON path of the field, a stable code and the resource key of its message.</summary>
public sealed record FieldError(string Field, string Code, params object[] Args);

public readonly record struct Result
{
    private Result(Error? error) => Error = error;

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result Success() => new(null);

    public static Result Failure(Error error) => new(error);

    public static implicit operator Result(Error error) => Failure(error);
}

public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Failure(Error error) => new(default, error);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Error error) => Failure(error);
}

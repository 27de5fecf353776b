namespace Shop.Domain.Common;

/// <summary>
/// The outcome of an operation that can fail for expected reasons (validation, declined payment),
/// so callers handle failure without exceptions.
/// </summary>
/// <typeparam name="T">The value produced on success.</typeparam>
public readonly record struct Result<T>
{
    private readonly T? _value;
    private readonly IReadOnlyList<string>? _errors;

    private Result(T? value, IReadOnlyList<string> errors)
    {
        _value = value;
        _errors = errors;
    }

    /// <summary>The reasons for failure; empty on success.</summary>
    public IReadOnlyList<string> Errors => _errors ?? [];

    /// <summary>True when the operation succeeded.</summary>
    public bool IsSuccess => Errors.Count == 0;

    /// <summary>The value; throws when the result is a failure.</summary>
    public T Value => IsSuccess
        ? _value!
        : throw new InvalidOperationException($"No value: {string.Join("; ", Errors)}");

    /// <summary>A successful result.</summary>
    public static Result<T> Success(T value) => new(value, []);

    /// <summary>A failed result with at least one error.</summary>
    public static Result<T> Failure(params string[] errors)
    {
        if (errors.Length == 0)
        {
            throw new ArgumentException("A failure needs at least one error.", nameof(errors));
        }

        return new Result<T>(default, errors);
    }

    /// <summary>Transforms the value of a successful result and passes failures through.</summary>
    public Result<TOut> Map<TOut>(Func<T, TOut> map) =>
        IsSuccess ? Result<TOut>.Success(map(Value)) : Result<TOut>.Failure([.. Errors]);
}

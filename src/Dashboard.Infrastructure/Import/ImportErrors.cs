namespace Dashboard.Infrastructure.Import;

/// <summary>What kind of refusal an <see cref="ImportError"/> is; callers decide on it (the REST API's 400/404/409), never on the text.</summary>
public enum ImportErrorCode
{
    /// <summary>A value breaks a rule of its own (range, format, order of instants, a total over its charge).</summary>
    Invalid,

    /// <summary>A required field is missing or empty.</summary>
    Required,

    /// <summary>A referenced object (source, customer, plan, subscription, charge) does not exist.</summary>
    NotFound,

    /// <summary>The object is still used by others (a plan with subscriptions) and cannot be deleted.</summary>
    InUse,

    /// <summary>The request contradicts what is stored (an attribute field that exists with another type).</summary>
    Conflict,
}

/// <summary>
/// One reason an import was refused. <see cref="Index"/> is the operation's position in the batch (or the row of a
/// list call; -1 for the batch as a whole, such as an unknown source), <see cref="Field"/> the snake_case field at fault as the REST API names it ("amount", "addons[1].quantity").
/// <see cref="Message"/> is for people; <see cref="Code"/> is what callers decide on.
/// </summary>
public sealed record ImportError(int Index, string? Oid, string Field, string Message, ImportErrorCode Code = ImportErrorCode.Invalid)
{
    public override string ToString() => $"#{Index} {Oid}: {Field}: {Message}";
}

/// <summary>An import that was refused as a whole; nothing was written. Carries every error found, not only the first.</summary>
public sealed class ImportValidationException(IReadOnlyList<ImportError> errors)
    : Exception($"The import was refused with {errors.Count} error(s): {string.Join("; ", errors.Take(5))}")
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;
}

/// <summary>
/// Another writer stored the same objects at the same time and the import still conflicted after retrying; nothing
/// of this import was written, and running it again is safe.
/// </summary>
public sealed class ImportConflictException(string message, Exception inner) : Exception(message, inner);

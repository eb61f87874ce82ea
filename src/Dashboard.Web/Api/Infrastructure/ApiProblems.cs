using Dashboard.Web.Services;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>RFC 7807 answers of the API; every one names the field at fault where there is one.</summary>
public static class ApiProblems
{
    public static InvalidProblem Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static InvalidProblem Validation(IDictionary<string, string[]> errors) => new(errors);

    /// <summary>A referenced object does not exist (404), e.g. the plan of a subscription.</summary>
    public static NotFoundProblem NotFound(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The request conflicts with stored data (409), e.g. deleting a plan that subscriptions use.</summary>
    public static ConflictProblem Conflict(string field, string message) =>
        Conflict(new Dictionary<string, string[]> { [field] = [message] });

    public static ConflictProblem Conflict(IDictionary<string, string[]> errors) => new(errors);

    public static TooLargeProblem TooLarge(long limit) => new(limit);
}

public static class FieldErrorsProblems
{
    /// <summary>The collected errors as a 400 problem answer.</summary>
    public static InvalidProblem ToProblem(this FieldErrors errors) => ApiProblems.Validation(errors.ToDictionary());
}

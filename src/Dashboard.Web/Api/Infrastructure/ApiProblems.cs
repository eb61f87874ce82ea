namespace Dashboard.Web.Api.Infrastructure;

/// <summary>RFC 7807 answers of the API; every one names the field at fault where there is one.</summary>
public static class ApiProblems
{
    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request is invalid.", statusCode: StatusCodes.Status400BadRequest);

    /// <summary>A referenced object does not exist (404), e.g. the plan of a subscription.</summary>
    public static IResult NotFound(string field, string message) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [message] },
            title: "A referenced object was not found.",
            statusCode: StatusCodes.Status404NotFound);

    /// <summary>The request conflicts with stored data (409), e.g. deleting a plan that subscriptions use.</summary>
    public static IResult Conflict(string field, string message) =>
        Conflict(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Conflict(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "The request conflicts with the stored data.", statusCode: StatusCodes.Status409Conflict);

    public static IResult TooLarge(long limit) =>
        Results.ValidationProblem(
            new Dictionary<string, string[]> { ["body"] = [$"must be at most {limit} bytes"] },
            title: "The request body is too large.",
            statusCode: StatusCodes.Status413PayloadTooLarge);
}

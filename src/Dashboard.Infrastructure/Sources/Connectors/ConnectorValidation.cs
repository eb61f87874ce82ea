namespace Dashboard.Infrastructure.Sources.Connectors;

/// <summary>One problem with a set-up: the field's key (<c>name</c> for the source's name), its label and what is wrong.</summary>
public sealed record SetupProblem(string Key, string Label, string Message)
{
    /// <summary>As the form shows it: "Merchant ID: is required."</summary>
    public override string ToString() => $"{Label}: {Message}";
}

/// <summary>Thrown when a set-up is stored with problems; nothing was saved.</summary>
public sealed class ConnectorValidationException(IReadOnlyList<SetupProblem> problems)
    : ArgumentException(string.Join(" ", problems.Select(p => p.ToString())))
{
    public IReadOnlyList<SetupProblem> Problems { get; } = problems;
}

/// <summary>The same checks for the command line and the Sources page, from the descriptor's fields.</summary>
public static class ConnectorValidation
{
    public const string NameKey = "name";

    public static IReadOnlyList<SetupProblem> Validate(ConnectorDescriptor descriptor, ConnectorSetup setup)
    {
        var problems = new List<SetupProblem>();
        if (setup.Name is null)
        {
            problems.Add(new SetupProblem(NameKey, "Name", "give the source a name, such as your company or account name."));
        }
        else if (setup.Name.Length > ConnectorSetup.MaxNameLength)
        {
            problems.Add(new SetupProblem(NameKey, "Name", $"use at most {ConnectorSetup.MaxNameLength} characters."));
        }

        foreach (var field in descriptor.Fields)
        {
            if (field.Problem(setup.Value(field.Key)) is { } problem)
            {
                problems.Add(new SetupProblem(field.Key, field.Label, problem));
            }
        }

        return problems;
    }

    /// <summary>Throws <see cref="ConnectorValidationException"/> when the set-up has a problem.</summary>
    public static void EnsureValid(ConnectorDescriptor descriptor, ConnectorSetup setup)
    {
        if (Validate(descriptor, setup) is { Count: > 0 } problems)
        {
            throw new ConnectorValidationException(problems);
        }
    }
}

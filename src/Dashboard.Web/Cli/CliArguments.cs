using System.Globalization;

namespace Dashboard.Web.Cli;

/// <summary>
/// A verb's parsed options: <c>--name value</c>, <c>--name=value</c> and flags (<c>--read-only</c>), plus positional
/// arguments. Every mistake is a <see cref="CliUsageException"/> naming the option at fault.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> values;
    private readonly HashSet<string> flags;

    private CliArguments(Dictionary<string, string> values, HashSet<string> flags, IReadOnlyList<string> positionals)
    {
        this.values = values;
        this.flags = flags;
        Positionals = positionals;
    }

    public IReadOnlyList<string> Positionals { get; }

    /// <summary>
    /// Parses <paramref name="args"/>. <paramref name="valueOptions"/> take a value, <paramref name="flagOptions"/>
    /// take none; names are given without the leading dashes. Anything else starting with "--" is an error.
    /// </summary>
    public static CliArguments Parse(
        IReadOnlyList<string> args,
        IReadOnlyCollection<string>? valueOptions = null,
        IReadOnlyCollection<string>? flagOptions = null,
        int maxPositionals = 0)
    {
        valueOptions ??= [];
        flagOptions ??= [];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var positionals = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                if (positionals.Count >= maxPositionals)
                {
                    throw new CliUsageException($"Unexpected argument '{arg}'.");
                }

                positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            string? inlineValue = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }

            if (flagOptions.Contains(name))
            {
                if (inlineValue is not null)
                {
                    throw new CliUsageException($"Option '--{name}' takes no value.");
                }

                if (!flags.Add(name))
                {
                    throw new CliUsageException($"Option '--{name}' is given twice.");
                }

                continue;
            }

            if (!valueOptions.Contains(name))
            {
                throw new CliUsageException($"Unknown option '--{name}'.{Known(valueOptions, flagOptions)}");
            }

            var value = inlineValue;
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new CliUsageException($"Option '--{name}' needs a value.");
                }

                value = args[++i];
            }

            if (!values.TryAdd(name, value))
            {
                throw new CliUsageException($"Option '--{name}' is given twice.");
            }
        }

        return new CliArguments(values, flags, positionals);
    }

    public bool Flag(string name) => flags.Contains(name);

    public string? Optional(string name) => values.GetValueOrDefault(name);

    public string Required(string name) =>
        values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new CliUsageException($"Option '--{name}' is required.");

    /// <summary>A whole number within [<paramref name="min"/>, <paramref name="max"/>], or the default when absent.</summary>
    public int Int(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new CliUsageException($"Option '--{name}' must be a whole number, not '{text}'.");
        }

        if (value < min || value > max)
        {
            throw new CliUsageException(
                $"Option '--{name}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {text}.");
        }

        return value;
    }

    private static string Known(IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        var all = valueOptions.Concat(flagOptions).Select(o => "--" + o).ToList();
        return all.Count == 0 ? " This verb takes no options." : " Known options: " + string.Join(", ", all) + ".";
    }
}

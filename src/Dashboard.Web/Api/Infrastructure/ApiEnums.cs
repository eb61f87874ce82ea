using Dashboard.Infrastructure.Import;

namespace Dashboard.Web.Api.Infrastructure;

/// <summary>Enum values as the API writes them: snake_case ("one_time", "past_due"); the rules live in <see cref="ImportValues"/>.</summary>
public static class ApiEnums
{
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        ImportValues.EnumName(value);

    public static IEnumerable<string> Names<TEnum>()
        where TEnum : struct, Enum =>
        ImportValues.EnumNames<TEnum>();

    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum =>
        ImportValues.TryParseEnum(text, out value);
}

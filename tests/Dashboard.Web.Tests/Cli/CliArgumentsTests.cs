using Dashboard.Web.Cli;

namespace Dashboard.Web.Tests.Cli;

public sealed class CliArgumentsTests
{
    private static readonly string[] Values = ["name", "customers"];
    private static readonly string[] Flags = ["read-only"];

    [Fact]
    public void Reads_values_in_both_spellings_and_flags()
    {
        var parsed = CliArguments.Parse(["--name", "CI key", "--customers=250", "--read-only"], Values, Flags);

        Assert.Equal("CI key", parsed.Required("name"));
        Assert.Equal(250, parsed.Int("customers", 1000, min: 1));
        Assert.True(parsed.Flag("read-only"));
    }

    [Fact]
    public void Absent_options_give_defaults()
    {
        var parsed = CliArguments.Parse([], Values, Flags);

        Assert.Null(parsed.Optional("name"));
        Assert.Equal(1000, parsed.Int("customers", 1000));
        Assert.False(parsed.Flag("read-only"));
    }

    [Theory]
    [InlineData(new[] { "--colour", "red" }, "Unknown option '--colour'. Known options: --name, --customers, --read-only.")]
    [InlineData(new[] { "--name" }, "Option '--name' needs a value.")]
    [InlineData(new[] { "--name", "--read-only" }, "Option '--name' needs a value.")]
    [InlineData(new[] { "--name", "a", "--name", "b" }, "Option '--name' is given twice.")]
    [InlineData(new[] { "--read-only=yes" }, "Option '--read-only' takes no value.")]
    [InlineData(new[] { "stray" }, "Unexpected argument 'stray'.")]
    public void Mistakes_name_the_option_at_fault(string[] args, string message)
    {
        var exception = Assert.Throws<CliUsageException>(() => CliArguments.Parse(args, Values, Flags));

        Assert.Equal(message, exception.Message);
    }

    [Theory]
    [InlineData("ten", "Option '--customers' must be a whole number, not 'ten'.")]
    [InlineData("0", "Option '--customers' must be between 1 and 100000, not 0.")]
    public void Numbers_are_checked(string value, string message)
    {
        var parsed = CliArguments.Parse(["--customers", value], Values, Flags);

        var exception = Assert.Throws<CliUsageException>(() => parsed.Int("customers", 1000, min: 1, max: 100_000));
        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void Required_option_missing_is_an_error()
    {
        var parsed = CliArguments.Parse([], Values, Flags);

        Assert.Equal("Option '--name' is required.", Assert.Throws<CliUsageException>(() => parsed.Required("name")).Message);
    }
}

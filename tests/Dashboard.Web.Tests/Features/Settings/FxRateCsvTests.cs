using Dashboard.Web.Features.Settings.FxRates;

namespace Dashboard.Web.Tests.Features.Settings;

public sealed class FxRateCsvTests
{
    [Fact]
    public void Good_file_becomes_the_importers_rows()
    {
        var preview = FxRateCsv.Parse(new StringReader("Currency,Date,Rate\neur,2024-01-31,1.0843\n\n\"GBP\",2024-02-01,1.27\n"));

        Assert.True(preview.CanCommit);
        Assert.Equal([2, 4], preview.Rows.Select(r => r.Line));
        var imports = preview.ToImports();
        Assert.Equal(new DateOnly(2024, 1, 31), imports[0].Date);
        Assert.Equal("EUR", imports[0].Currency);
        Assert.Equal(1.0843m, imports[0].Rate);
        Assert.Equal("GBP", imports[1].Currency);
        Assert.Equal(1.27m, imports[1].Rate);
    }

    [Fact]
    public void Bad_rows_are_listed_with_their_line_and_field()
    {
        var preview = FxRateCsv.Parse(new StringReader(
            "date,currency,rate\n2024-01-31,EUR,1.08\n31/01/2024,EUR,1.08\n2024-01-31,EURO,1.08\n2024-01-31,GBP,-2\n2024-01-31,GBP,abc\n,,\n2024-02-01,JPY,\n"));

        Assert.False(preview.CanCommit);
        Assert.Equal(5, preview.BadRowCount);
        var bad = preview.Rows.Where(r => !r.IsValid).ToDictionary(r => r.Line, r => string.Join(" ", r.Errors));
        Assert.Equal([3, 4, 5, 6, 8], bad.Keys);
        Assert.Contains("date '31/01/2024'", bad[3], StringComparison.Ordinal);
        Assert.Contains("currency 'EURO'", bad[4], StringComparison.Ordinal);
        Assert.Contains("rate -2 must be greater than 0", bad[5], StringComparison.Ordinal);
        Assert.Contains("rate 'abc' is not a number", bad[6], StringComparison.Ordinal);
        Assert.Contains("rate is required", bad[8], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("day,currency,rate\n2024-01-31,EUR,1.08\n", "missing date")]
    [InlineData("date,currency,rate\n", "no rates")]
    public void File_level_problems_are_explained(string content, string expected)
    {
        var preview = FxRateCsv.Parse(new StringReader(content));

        Assert.False(preview.CanCommit);
        Assert.Contains(expected, Assert.Single(preview.FileErrors), StringComparison.Ordinal);
    }
}

using Dashboard.Web.Components.Controls;

namespace Dashboard.Web.Tests.Components;

public sealed class DatedNoteInputTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_box_is_no_date_and_no_error(string? text)
    {
        Assert.True(DatedNoteInput.TryReadDate(text, out var date));
        Assert.Null(date);
    }

    [Fact]
    public void A_day_in_iso_form_is_read()
    {
        Assert.True(DatedNoteInput.TryReadDate("2026-03-01", out var date));
        Assert.Equal(new DateOnly(2026, 3, 1), date);
    }

    [Theory]
    [InlineData("01/03/2026")]
    [InlineData("2026-02-30")]
    [InlineData("yesterday")]
    public void Anything_else_is_refused(string text) =>
        Assert.False(DatedNoteInput.TryReadDate(text, out _));

    [Fact]
    public void Errors_read_as_one_sentence_per_message_with_the_field_named_for_people()
    {
        var errors = new Dictionary<string, string[]> { ["date"] = ["is required"], ["text"] = ["is empty", "is too long"] };

        var message = DatedNoteInput.Describe(errors, f => f == "date" ? "Date" : "Note");

        Assert.Equal("Date is required. Note is empty. Note is too long.", message);
    }
}

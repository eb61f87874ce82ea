namespace Dashboard.Web.Components.Controls;

/// <summary>
/// The date of a dated-note form (annotation, customer note, goal) as its date picker holds it: the day picked or
/// typed, and whether the typed text was not a date. The picker reads typed text with <see cref="Parse"/>, which is
/// <see cref="DatedNoteInput.TryReadDate"/>, so every form refuses the same text with the same message.
/// </summary>
public sealed class DatedNoteDate
{
    public DatedNoteDate(DateOnly? value = null) => Value = value;

    public DateOnly? Value { get; private set; }

    /// <summary>Whether the text last typed was not a date (the picker then holds no day).</summary>
    public bool Unreadable { get; private set; }

    /// <summary>The picker's <c>ValueChanged</c>: a day picked in the calendar (or cleared).</summary>
    public void Set(DateOnly? value)
    {
        Value = value;
        if (value is not null)
        {
            Unreadable = false;
        }
    }

    /// <summary>The picker's <c>ParseInput</c>: typed text read as yyyy-MM-dd; empty text is no day.</summary>
    public DateTime? Parse(string? text)
    {
        Unreadable = !DatedNoteInput.TryReadDate(text?.Trim(), out var day);
        Value = day;
        return day?.ToDateTime(TimeOnly.MinValue);
    }

    /// <summary>The day to submit (null when none was given); false when the typed text was not a date.</summary>
    public bool TryRead(out DateOnly? day)
    {
        day = Unreadable ? null : Value;
        return !Unreadable;
    }
}

namespace Dashboard.Core.Billing;

/// <summary>A dated note a user wrote on a customer ("called about the invoice"), shown in the customer's timeline.</summary>
public sealed class CustomerNote
{
    public long Id { get; set; }
    public long CustomerId { get; set; }

    /// <summary>The day the note is about, in the reporting calendar.</summary>
    public DateOnly Date { get; set; }

    public required string Text { get; set; }

    /// <summary>Who wrote it: the user's email.</summary>
    public required string Author { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Demo.Simulation;

/// <summary>A charge of the customer before it gets its id (ids follow time, assigned once the customer is done).</summary>
internal sealed class ChargeRecord(Charge charge, int sequence)
{
    public Charge Charge { get; } = charge;
    public int Sequence { get; } = sequence;
    public long Refunded { get; set; }
}

/// <summary>A refund before it gets its id.</summary>
internal sealed record PendingRefund(ChargeRecord Charge, long Amount, DateTimeOffset At, int Sequence);

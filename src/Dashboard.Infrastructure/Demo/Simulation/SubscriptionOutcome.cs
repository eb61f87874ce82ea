using Dashboard.Core.Billing;

namespace Dashboard.Infrastructure.Demo.Simulation;

/// <summary>How a simulated subscription ended: when it started paying, and whether failed payments ended it.</summary>
internal readonly record struct SubscriptionOutcome(Subscription Subscription, DateTimeOffset? PaidFrom, bool Involuntary);

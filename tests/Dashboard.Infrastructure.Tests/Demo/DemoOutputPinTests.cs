using Dashboard.Infrastructure.Demo;

namespace Dashboard.Infrastructure.Tests.Demo;

/// <summary>
/// Pins the generator's exact output, so a refactoring of the simulation is proven to change no row. A deliberate change
/// of the demo business changes these hashes: recompute them then (<see cref="DemoHash"/>) and say so in the commit.
/// The simulation uses <see cref="Math.Log(double)"/> and <see cref="Math.Pow"/>, so the hashes hold for the .NET
/// runtime on the x64 Linux the tests run on.
/// </summary>
public sealed class DemoOutputPinTests
{
    public static TheoryData<string, string> Businesses => new()
    {
        { "default", "6FE6A5DCEB00889BAE9F3E007C48BB80C3B246442D6A69BC86CB127280A2D6DD" },
        { "multi-currency, offsets, existing fields and reasons", "AE126FC29023A7FFD4DEC5B6560E6C1C41C163697941632AE2FDB079A7B79D41" },
    };

    [Theory]
    [MemberData(nameof(Businesses))]
    public void A_small_business_is_generated_row_for_row_as_pinned(string business, string expectedHash)
    {
        var options = business == "default"
            ? new DemoDataOptions { Customers = 400, Seed = 11 }
            : new DemoDataOptions
            {
                Customers = 400,
                Seed = 5,
                BatchSize = 64,
                MultiCurrency = true,
                SourceId = 3,
                IdOffsets = new DemoIdOffsets { Plans = 10, Customers = 1_000, Charges = 20, Refunds = 2, SubscriptionStates = 7 },
                ExistingAttributeFieldIds = new Dictionary<string, long> { ["industry"] = 91 },
                ExistingCancellationReasonIds = new Dictionary<string, long> { ["Too expensive"] = 4 },
            };

        Assert.Equal(expectedHash, DemoHash.Compute(new DemoDataGenerator(options, DemoData.Today)));
    }
}

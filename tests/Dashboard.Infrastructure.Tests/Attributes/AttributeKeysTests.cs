using Dashboard.Infrastructure.Attributes;

namespace Dashboard.Infrastructure.Tests.Attributes;

public sealed class AttributeKeysTests
{
    [Theory]
    [InlineData("UTM Source", "utm_source")]
    [InlineData("  Plan tier  ", "plan_tier")]
    [InlineData("planTier", "plan_tier")]
    [InlineData("NPS score (last 90 days)", "nps_score_last_90_days")]
    [InlineData("Seats2Go", "seats2_go")]
    [InlineData("CRM--owner", "crm_owner")]
    [InlineData("ÄÖ Größe", "äö_größe")]
    [InlineData("!!!", "")]
    public void Keys_are_the_snake_case_of_the_title(string title, string key) =>
        Assert.Equal(key, AttributeKeys.FromTitle(title));
}

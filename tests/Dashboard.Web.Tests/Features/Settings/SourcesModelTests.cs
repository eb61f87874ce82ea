using Dashboard.Infrastructure.Sources.Braintree;
using Dashboard.Infrastructure.Sources.Connectors;
using Dashboard.Infrastructure.Sources.Stripe;
using Dashboard.Infrastructure.Sync;
using Dashboard.Web.Features.Settings.Sources;

namespace Dashboard.Web.Tests.Features.Settings;

public sealed class SourcesModelTests
{
    private static SyncStatus Running(params SyncKindProgress[] kinds) =>
        new(1, SyncState.Running, SyncMode.Full, DateTimeOffset.UnixEpoch, null, kinds, 0, null);

    [Fact]
    public void A_kind_with_a_known_total_shows_its_share_rate_and_eta()
    {
        var view = SourcesModel.Progress(Running(new SyncKindProgress("credit_notes", 250, 1000, 125.4, TimeSpan.FromSeconds(6), false))).Single();

        Assert.Equal(("Credit notes", 25d, "250 / 1,000", "125/s", "ETA 6 s"), (view.Label, view.Percent, view.Counts, view.Rate, view.Eta));
    }

    [Fact]
    public void A_first_import_without_a_total_is_indeterminate_and_a_completed_kind_is_100_percent()
    {
        var views = SourcesModel.Progress(Running(
            new SyncKindProgress("customers", 1200, null, 900, null, false),
            new SyncKindProgress("prices", 3, null, 2, null, true)));

        Assert.Null(views[0].Percent);
        Assert.Equal("1,200", views[0].Counts);
        Assert.Null(views[0].Eta);
        Assert.Equal(100d, views[1].Percent);
    }

    [Fact]
    public void A_count_past_the_previous_total_never_shows_more_than_100_percent()
    {
        var view = SourcesModel.Progress(Running(new SyncKindProgress("charges", 1100, 1000, 10, null, false))).Single();

        Assert.Equal(100d, view.Percent);
    }

    [Theory]
    [InlineData(SyncState.Succeeded, 0, null, "Up to date")]
    [InlineData(SyncState.Succeeded, 3, null, "Up to date, 3 object(s) not imported")]
    [InlineData(SyncState.Failed, 0, "Stripe answered 401", "Failed: Stripe answered 401")]
    [InlineData(SyncState.Canceled, 0, null, "Stopped; Sync now resumes it")]
    public void States_read_as_sentences(SyncState state, long errors, string? message, string expected)
    {
        var status = new SyncStatus(1, state, SyncMode.Full, null, null, [], errors, message);

        Assert.Equal(expected, SourcesModel.StateText(status, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void A_source_without_a_connector_says_how_it_receives_data()
    {
        Assert.Equal("Receives data through the API or CSV import", SourcesModel.StateText(SyncStatus.Idle(1), null, canSync: false));
        Assert.Equal("Never synced", SourcesModel.StateText(SyncStatus.Idle(1), null));
    }

    [Theory]
    [InlineData(59.2, "60 s")]
    [InlineData(125, "3 min")]
    [InlineData(7500, "2 h 5 min")]
    public void Durations_are_short(double seconds, string expected) =>
        Assert.Equal(expected, SourcesModel.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void The_stripe_form_names_every_bad_field()
    {
        var setup = new ConnectorSetup(" ", new Dictionary<string, string?> { ["api-key"] = "pk_live_123", ["api-base"] = "ftp://example.com" });

        var errors = ConnectorValidation.Validate(StripeConnector.Description, setup).Select(e => e.ToString()).ToList();

        Assert.Collection(errors,
            e => Assert.StartsWith("Name:", e, StringComparison.Ordinal),
            e => Assert.StartsWith("Restricted API key: a Stripe key starts with rk_", e, StringComparison.Ordinal),
            e => Assert.StartsWith("API base URL:", e, StringComparison.Ordinal));
    }

    [Fact]
    public void A_good_stripe_form_passes_with_its_base_url()
    {
        var setup = new ConnectorSetup("Acme", new Dictionary<string, string?> { ["api-key"] = " rk_test_abc ", ["api-base"] = "http://127.0.0.1:5000/" });

        Assert.Empty(ConnectorValidation.Validate(StripeConnector.Description, setup));
        Assert.Equal(new Uri("http://127.0.0.1:5000/"), setup.Url("api-base"));
        Assert.Equal("rk_test_abc", setup.Value("api-key"));
    }

    [Fact]
    public void The_braintree_form_names_every_bad_field_by_its_label()
    {
        var setup = new ConnectorSetup("Shop", new Dictionary<string, string?>
        {
            ["merchant-id"] = "abc/../x",
            ["public-key"] = null,
            ["private-key"] = "has space",
            ["environment"] = "staging",
            ["api-base"] = "not a url",
        });

        var problems = ConnectorValidation.Validate(BraintreeConnector.Description, setup);

        Assert.Equal(["merchant-id", "public-key", "private-key", "environment", "api-base"], problems.Select(p => p.Key));
        Assert.Equal("Public key: is required.", problems[1].ToString());
        Assert.StartsWith("Environment: 'staging' is not one of production, sandbox", problems[3].ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("has space", string.Join(" ", problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_braintree_setup_without_an_environment_is_production_and_keeps_its_keys()
    {
        var setup = new ConnectorSetup("Shop", new Dictionary<string, string?>
        {
            ["merchant-id"] = "m123", ["public-key"] = "pub_1", ["private-key"] = "priv1",
        });

        var credentials = BraintreeConnector.Credentials(setup);

        Assert.Equal(new BraintreeCredentials("m123", "pub_1", "priv1", "production", null), credentials);
        Assert.DoesNotContain("priv1", credentials.ToString(), StringComparison.Ordinal);
        Assert.Throws<ConnectorValidationException>(() => BraintreeConnector.Credentials(new ConnectorSetup("Shop", new Dictionary<string, string?>())));
    }
}

using Dashboard.Web.Components.Pages;

namespace Dashboard.Web.Tests.Components;

public sealed class NotFoundTextTests
{
    [Theory]
    [InlineData("metrics/bogus", "No such metric", "bogus", "metrics", "metric-not-found")]
    [InlineData("metrics/bogus?range=30d", "No such metric", "bogus", "metrics", "metric-not-found")]
    [InlineData("customers/987654321", "Customer not found", "987654321", "customers", "customer-not-found")]
    [InlineData("no/such/page", "Page not found", "/no/such/page", "", "page-not-found")]
    [InlineData("metrics/mrr/extra", "Page not found", "/metrics/mrr/extra", "", "page-not-found")]
    [InlineData("not-found", "Page not found", "", "", "page-not-found")]
    public void The_page_names_what_was_asked_for_and_links_to_where_it_can_be_found(string path, string title, string name, string link, string testId)
    {
        var text = NotFoundText.For(path);

        Assert.Equal((title, name, link, testId), (text.Title, text.Name, text.LinkHref, text.TestId));
    }
}

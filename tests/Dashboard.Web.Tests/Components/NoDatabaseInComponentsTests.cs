using System.Reflection;
using Dashboard.Infrastructure.Data;
using Dashboard.Web.Features;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Web.Tests.Components;

/// <summary>Pages and components get their data from services: none of them is handed a database context or its factory.</summary>
public sealed class NoDatabaseInComponentsTests
{
    [Fact]
    public void No_page_or_component_injects_a_database_context_or_its_factory()
    {
        var components = typeof(DataPage).Assembly.GetTypes()
            .Where(t => typeof(ComponentBase).IsAssignableFrom(t) && t.Namespace is { } ns
                && (ns.StartsWith("Dashboard.Web.Features", StringComparison.Ordinal) || ns.StartsWith("Dashboard.Web.Components", StringComparison.Ordinal)))
            .ToList();
        var offenders = components
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Where(p => p.IsDefined(typeof(InjectAttribute), inherit: true) && IsDatabase(p.PropertyType))
                .Select(p => $"{t.FullName}.{p.Name}"))
            .ToList();

        Assert.Contains(components, t => t.Name == "SourcesPage");
        Assert.Empty(offenders);
    }

    [Theory]
    [InlineData(typeof(IDbContextFactory<DashboardDbContext>), true)]
    [InlineData(typeof(DashboardDbContext), true)]
    [InlineData(typeof(TimeProvider), false)]
    public void The_check_recognises_a_context_and_its_factory(Type type, bool database) =>
        Assert.Equal(database, IsDatabase(type));

    private static bool IsDatabase(Type type) =>
        typeof(DbContext).IsAssignableFrom(type)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDbContextFactory<>));
}

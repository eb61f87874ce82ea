using Dashboard.Infrastructure.Data;
using Dashboard.Web;
using Dashboard.Web.Api;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddRepositorySettings();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDashboardStore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddDashboardApi(builder.Configuration);

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
}

app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
app.MapDashboardApi();

await app.RunAsync();

public partial class Program;

using Dashboard.Infrastructure.Data;
using Dashboard.Web;

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddRepositorySettings();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDashboardStore(builder.Configuration, builder.Environment.ContentRootPath);

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
}

app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));

await app.RunAsync();

public partial class Program;

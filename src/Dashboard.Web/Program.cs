using Dashboard.Infrastructure.Data;
using Dashboard.Infrastructure.Demo;
using Dashboard.Infrastructure.Metrics;
using Dashboard.Web;
using Dashboard.Web.Api;
using Dashboard.Web.Auth;
using Dashboard.Web.Cli;
using Dashboard.Web.Features.Exports;
using Dashboard.Web.Hosting;
using Dashboard.Web.Jobs;
using Dashboard.Web.Services;
using Dashboard.Web.Services.Exports;
using Dashboard.Web.Sources;

// `Dashboard.Web <verb> [options]` runs a command-line verb and exits; without a verb the web server starts.
var isVerb = CliDispatcher.IsVerbInvocation(args);
var builder = DashboardHost.CreateBuilder(new WebApplicationOptions { Args = isVerb ? [] : args });
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddDashboardStore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddDashboardCli();
builder.Services.AddSourceConnectors(builder.Configuration, builder.Environment.ContentRootPath, runJobs: !isVerb);
builder.Services.AddDashboardHosting(builder.Configuration);
builder.Services.AddDashboardDataAtRest(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddDashboardUi(builder.Configuration);
builder.Services.AddDashboardAuth();
builder.Services.AddDemoDataOnFirstRun();
builder.Services.AddScoped<IDemoDataSeeder, FirstRunDemoSeeder>();
builder.Services.AddCliVerb<SeedDemoVerb>();
builder.Services.AddCliVerb<ReloadDemoVerb>();
builder.Services.AddCliVerb<ImportCsvVerb>();
builder.Services.AddCliVerb<UserCreateVerb>();
builder.Services.AddCliVerb<UserListVerb>();
builder.Services.AddCliVerb<UserDeleteVerb>();
builder.Services.AddCliVerb<UserSetRoleVerb>();
builder.Services.AddDashboardApi(builder.Configuration);
builder.Services.AddDashboardMetrics();
builder.Services.AddDashboardServices();
builder.Services.AddExports(builder.Configuration, builder.Environment.ContentRootPath, reconcileAtStart: !isVerb);

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
}

if (isVerb)
{
    return await app.RunCliAsync(args);
}

app.UseDashboardHosting();
app.MapDashboardUi();
app.MapExportDownloads();
app.MapConnectorWebhooks();
app.MapJobsDashboard();
app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
app.MapDashboardApi();

await app.RunAsync();
return 0;

public partial class Program;

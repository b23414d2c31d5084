using CareLoop.Components;
using CareLoop.Modules.Callbacks;
using CareLoop.Modules.Catalog;
using CareLoop.Modules.Customers;
using CareLoop.Modules.Dispatch;
using CareLoop.Modules.Field;
using CareLoop.Modules.Integrations;
using CareLoop.Modules.Lifecycle;
using CareLoop.Modules.Network;
using CareLoop.Modules.Payments;
using CareLoop.Modules.Outreach;
using CareLoop.Modules.Service;
using CareLoop.Modules.Settlement;
using CareLoop.Modules.Staff;
using CareLoop.Modules.WorkOrders;
using CareLoop.Platform;
using CareLoop.Platform.Auditing;
using CareLoop.Platform.Files;
using CareLoop.Platform.Identity;
using CareLoop.Platform.Jobs;
using CareLoop.Platform.Localization;
using CareLoop.Platform.Messaging;
using CareLoop.Platform.Telephony;
using CareLoop.Platform.Observability;
using CareLoop.Platform.Outbox;
using CareLoop.Platform.Persistence;
using CareLoop.Platform.Problems;
using CareLoop.Platform.SavedViews;
using CareLoop.Platform.Security;
using CareLoop.Platform.Tenancy;
using CareLoop.Platform.Web;

var builder = WebApplication.CreateBuilder(args);
SecretsValidator.ThrowIfUnsafe(builder.Configuration, builder.Environment);

// Platform: cross-cutting services every module relies on.
builder.AddCareLoopObservability();
var database = builder.AddCareLoopPersistence();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddTenancy();
builder.Services.AddStaffIdentity();
builder.Services.AddCareLoopProblems();
builder.Services.AddCareLoopLocalization();
builder.Services.AddCareLoopApi(builder.Configuration);
builder.Services.AddCareLoopRateLimiting(builder.Configuration);
builder.Services.AddCareLoopFiles(builder.Configuration, builder.Environment);
builder.Services.AddCareLoopMessaging(builder.Configuration);
builder.Services.AddCareLoopTelephony(builder.Configuration);
builder.Services.AddOutbox(builder.Configuration);
builder.Services.AddCareLoopJobs(database, builder.Configuration);
builder.Services.AddCareLoopUi();
builder.Services.AddSavedViews();

// Modules.
builder.Services.AddStaff();
builder.Services.AddCatalog();
builder.Services.AddNetwork();
builder.Services.AddCustomers(builder.Configuration);
builder.Services.AddWorkOrders(builder.Configuration);
builder.Services.AddService();
builder.Services.AddIntegrations(builder.Configuration);
builder.Services.AddDispatch();
builder.Services.AddField(builder.Configuration);
builder.Services.AddPayments(builder.Configuration);
builder.Services.AddOutreach(builder.Configuration);
builder.Services.AddCallbacks(builder.Configuration);
builder.Services.AddLifecycle(builder.Configuration);
builder.Services.AddSettlement();

var app = builder.Build();

if (args.Contains("migrate"))
{
    // Production pipelines: `dotnet CareLoop.dll migrate` applies migrations and reference data, then exits.
    await app.Services.InitializeDatabaseAsync(migrate: true, seedDemo: false);
    return;
}

await app.Services.InitializeDatabaseAsync(
    migrate: app.Services.GetRequiredService<DatabaseOptions>().MigrateOnStartup,
    seedDemo: app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Seed", true));

// Localization first, so error bodies written on the way out (status-code pages, exceptions) speak the request's language.
app.UseCareLoopLocalization();
app.UseExceptionHandler();
app.UseWhen(c => c.IsApi(), api => api.UseStatusCodePages());
app.UseWhen(c => !c.IsApi(), ui => ui.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseAuthentication();
app.UseTenancy();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseAntiforgeryProblems();

app.MapStaticAssets();
app.MapCareLoopHealth();
app.MapApiDocs();
app.MapCultureSwitch();
app.MapSignOut();
app.MapFieldApp();

var downloads = app.MapDownloads();
app.MapApiV1()
    .MapAuth()
    .MapAudit()
    .MapOutboxAdmin()
    .MapSavedViews()
    .MapStaff()
    .MapCatalog()
    .MapNetwork()
    .MapCustomers(downloads)
    .MapWorkOrders(downloads)
    .MapService()
    .MapIntegrations(downloads)
    .MapDispatch()
    .MapField()
    .MapPayments()
    .MapOutreach()
    .MapCallbacks()
    .MapLifecycle()
    .MapSettlement(downloads);

app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

await app.RunAsync();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;

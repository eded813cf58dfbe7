// The footprint baseline: the smallest ASP.NET Core app (one endpoint, default host, default logging).
var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "ok");
app.Run();

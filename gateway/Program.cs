using Platform.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();
app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapReverseProxy();
app.Run();

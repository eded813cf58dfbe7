// Prints a token signed with the local key for trying the APIs: ./platform token --role ROLE [--sub NAME] [--hours N].
// The key, issuer and audience come from Auth__SigningKey, Auth__Issuer and Auth__Audience, as in the services.
using System.Globalization;
using Platform.Tools.TokenTool;

string[] roles = ["platform-admin", "workforce-manager", "finance-officer", "placements-officer", "improvement-lead", "read-only-operator"];
var role = default(string);
var subject = "local-user";
var hours = 8.0;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--role" when value is not null: role = value; i++; break;
        case "--sub" when value is not null: subject = value; i++; break;
        case "--hours" when value is not null && double.TryParse(value, CultureInfo.InvariantCulture, out var h) && h > 0: hours = h; i++; break;
        default:
            await Console.Error.WriteLineAsync($"usage: token --role ROLE [--sub NAME] [--hours N]; roles: {string.Join(", ", roles)}");
            return 2;
    }
}
if (role is null || !roles.Contains(role))
{
    await Console.Error.WriteLineAsync($"--role must be one of: {string.Join(", ", roles)}");
    return 2;
}
var key = Environment.GetEnvironmentVariable("Auth__SigningKey");
if (string.IsNullOrWhiteSpace(key) || key.Length < 32)
{
    await Console.Error.WriteLineAsync("Auth__SigningKey (at least 32 characters) is not set; ./platform token sets it from secrets.env.");
    return 2;
}
var issuer = Environment.GetEnvironmentVariable("Auth__Issuer") is { Length: > 0 } i2 ? i2 : LocalTokens.DefaultIssuer;
var audience = Environment.GetEnvironmentVariable("Auth__Audience") is { Length: > 0 } a ? a : LocalTokens.DefaultAudience;
Console.WriteLine(LocalTokens.Create(key, subject, [role], TimeSpan.FromHours(hours), issuer, audience));
return 0;

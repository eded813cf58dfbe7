using Npgsql;

namespace Platform.Tests;

/// <summary>What PostgreSQL writes to its own log must not carry children's data (docs/security.md).</summary>
[Collection(PlatformTestGroup.Name)]
public sealed class PrivacyServerLogTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_duplicate_key_error_reaches_the_server_log_without_the_childs_id()
    {
        var log = Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES_LOG") is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException("PLATFORM_TEST_POSTGRES_LOG is not set: run the tests with ./platform test.");
        var child = $"C{Random.Shared.Next(100_000_000, 999_999_999)}";
        await using var connection = new NpgsqlConnection(platform.PlacementsDb);
        await connection.OpenAsync();
        const string insert = "INSERT INTO children (child_id, sex, date_of_birth, ethnicity, is_uasc) VALUES (@child, 'F', DATE '2012-05-01', 'WBRI', false)";

        for (var attempt = 0; attempt < 2; attempt++)
        {
            await using var command = new NpgsqlCommand(insert, connection);
            command.Parameters.AddWithValue("child", child);
            if (attempt == 0)
            {
                await command.ExecuteNonQueryAsync();
            }
            else
            {
                var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
                Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
            }
        }

        // The error is logged (operators still see it happened), but neither its DETAIL nor the statement.
        var text = "";
        for (var waited = 0; waited < 50 && !text.Contains("duplicate key", StringComparison.Ordinal); waited++)
        {
            await Task.Delay(100);
            await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            text = await new StreamReader(stream).ReadToEndAsync();
        }
        Assert.Contains("duplicate key value violates unique constraint", text, StringComparison.Ordinal);
        Assert.DoesNotContain(child, text, StringComparison.Ordinal);
    }
}

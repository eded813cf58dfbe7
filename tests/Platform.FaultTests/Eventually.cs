namespace Platform.FaultTests;

/// <summary>Polling for asynchronous effects with a deadline, instead of fixed sleeps.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0}s for {what}.");
            }
            await Task.Delay(250);
        }
    }
}

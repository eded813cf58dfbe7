namespace Platform.FaultTests;

/// <summary>Duplicates and poison messages reaching Finance's PostCreated consumer.</summary>
[Collection(FaultTestGroup.Name)]
public sealed class ReliabilityMessageTests(FaultFixture faults)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact(Timeout = 180_000)]
    public async Task The_same_message_delivered_twice_and_republished_with_the_same_id_is_applied_once()
    {
        var messageId = Guid.NewGuid();
        var postId = Guid.NewGuid();
        var envelope = RawMessages.PostCreated(messageId, postId, 36_600m);
        await using var broker = await faults.ConnectBrokerAsync();

        // Published through the event's exchange, as a producer would, then the same bytes delivered
        // straight to the queue twice (a broker redelivery), then republished with the same id.
        await RawMessages.PublishAsync(broker, RawMessages.PostCreatedExchange, "", messageId, envelope);
        await RawMessages.PublishAsync(broker, "", RawMessages.FinancePostCreatedQueue, messageId, envelope);
        await RawMessages.PublishAsync(broker, "", RawMessages.FinancePostCreatedQueue, messageId, envelope);
        await RawMessages.PublishAsync(broker, RawMessages.PostCreatedExchange, "", messageId, RawMessages.PostCreated(messageId, postId, 36_600m));
        await WaitUntilConsumedAfterAsync(broker);

        Assert.Equal(1, await InboxRowsAsync(messageId));
        Assert.Equal(1, await CommitmentsForPostAsync(postId));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_poison_message_is_parked_with_its_reason_and_the_queue_keeps_flowing()
    {
        var unreadableId = Guid.NewGuid();
        var wrongTypeId = Guid.NewGuid();
        var wrongTypePost = Guid.NewGuid();
        var unknownTypeId = Guid.NewGuid();
        await using var broker = await faults.ConnectBrokerAsync();

        await RawMessages.PublishAsync(broker, "", RawMessages.FinancePostCreatedQueue, unreadableId, "{ this is not json"u8.ToArray());
        await RawMessages.PublishAsync(broker, "", RawMessages.FinancePostCreatedQueue, wrongTypeId,
            RawMessages.PostCreated(wrongTypeId, wrongTypePost, "forty thousand pounds"));
        await RawMessages.PublishAsync(broker, "", RawMessages.FinancePostCreatedQueue, unknownTypeId,
            System.Text.Encoding.UTF8.GetBytes(RawMessages.PostCreatedJson(unknownTypeId, Guid.NewGuid(), 1m)
                .Replace("Workforce.V1:PostCreated", "Workforce.V1:PostAbolishedByMistake", StringComparison.Ordinal)));
        await WaitUntilConsumedAfterAsync(broker);

        var parked = new List<(string? MessageId, Dictionary<string, string> Headers)>();
        await Eventually.UntilAsync(async () =>
        {
            parked.AddRange(await RawMessages.DrainAsync(broker, RawMessages.FinancePostCreatedQueue + "_error"));
            parked.AddRange(await RawMessages.DrainAsync(broker, RawMessages.FinancePostCreatedQueue + "_skipped"));
            return new[] { unreadableId, wrongTypeId, unknownTypeId }.All(id => parked.Any(m => m.MessageId == id.ToString()));
        }, Patience, "the three poison messages to be parked");

        // Unreadable: moved to _error with the exception; of a type nobody here consumes: _skipped with the reason.
        foreach (var id in new[] { unreadableId, wrongTypeId })
        {
            var headers = HeadersOf(id);
            Assert.True(headers.TryGetValue("MT-Fault-Message", out var reason) && reason.Length > 0,
                $"Message {id} was parked without its reason; headers: {string.Join(", ", headers.Keys)}");
            Assert.True(headers.ContainsKey("MT-Fault-ExceptionType"));
        }
        Assert.True(HeadersOf(unknownTypeId).TryGetValue("MT-Reason", out var skipped) && skipped.Length > 0);
        Assert.Equal(0, await InboxRowsAsync(wrongTypeId));
        Assert.Equal(0, await CommitmentsForPostAsync(wrongTypePost));

        Dictionary<string, string> HeadersOf(Guid id) => parked.First(m => m.MessageId == id.ToString()).Headers;
    }

    [Fact(Timeout = 240_000)]
    public async Task A_message_breaking_a_rule_inside_a_batch_is_parked_with_its_reason_while_the_rest_apply_in_one_transaction()
    {
        var events = Enumerable.Range(0, 40).Select(_ => (Id: Guid.NewGuid(), Post: Guid.NewGuid())).ToList();
        var poison = events[17];
        var applied = events.Where(e => e != poison).ToList();
        await using var broker = await faults.ConnectBrokerAsync();

        // Finance stopped: the queue holds all forty, and the restarted consumer takes them together. The poison one
        // reads well but its negative cost breaks the commitment's rule when it is applied.
        Assert.Equal(0, await faults.Finance.StopAsync(TimeSpan.FromSeconds(45)));
        try
        {
            foreach (var (id, post) in events)
            {
                await RawMessages.PublishAsync(broker, "", RawMessages.FinancePostCreatedQueue, id,
                    RawMessages.PostCreated(id, post, id == poison.Id ? -36_600m : 36_600m));
            }
        }
        finally
        {
            await faults.Finance.StartAsync(FaultFixture.StartTimeout);
        }

        var appliedIds = applied.Select(e => e.Id).ToArray();
        await Eventually.UntilAsync(async () => await FaultFixture.ScalarAsync(faults.FinanceDb,
            "SELECT count(*) FROM inbox_messages WHERE message_id = ANY($1)", appliedIds) == applied.Count, Patience, "the 39 good events to be applied");
        foreach (var (_, post) in applied) Assert.Equal(1, await CommitmentsForPostAsync(post));

        var parked = new List<(string? MessageId, Dictionary<string, string> Headers)>();
        try
        {
            await Eventually.UntilAsync(async () =>
            {
                parked.AddRange(await RawMessages.DrainAsync(broker, RawMessages.FinancePostCreatedQueue + "_error"));
                return parked.Any(m => m.MessageId == poison.Id.ToString());
            }, Patience, "the message breaking the rule to be parked");
        }
        catch (TimeoutException notParked)
        {
            throw new TimeoutException($"{notParked.Message} Parked: {parked.Count}.\nFinance output:\n{faults.Finance.RecentOutput()}", notParked);
        }
        var headers = parked.First(m => m.MessageId == poison.Id.ToString()).Headers;
        Assert.Contains("DomainRuleException", headers.GetValueOrDefault("MT-Fault-ExceptionType"), StringComparison.Ordinal);
        Assert.Contains("negative", headers.GetValueOrDefault("MT-Fault-Message"), StringComparison.Ordinal);
        Assert.DoesNotContain(parked, m => appliedIds.Any(id => id.ToString() == m.MessageId));
        Assert.Equal(0, await InboxRowsAsync(poison.Id));
        Assert.Equal(0, await CommitmentsForPostAsync(poison.Post));

        // Rows written by one transaction share its id (xmin): the 39 were applied in a few transactions, not one each.
        var transactions = await FaultFixture.ScalarAsync(faults.FinanceDb,
            "SELECT count(DISTINCT xmin::text) FROM inbox_messages WHERE message_id = ANY($1)", appliedIds);
        Assert.True(transactions <= 4, $"The 39 events took {transactions} transactions; a batch should apply them together.");
    }

    /// <summary>Queues are FIFO: once a later message is applied, everything published before it was consumed.</summary>
    private async Task WaitUntilConsumedAfterAsync(RabbitMQ.Client.IConnection broker)
    {
        var markerId = Guid.NewGuid();
        var markerPost = Guid.NewGuid();
        await RawMessages.PublishAsync(broker, RawMessages.PostCreatedExchange, "", markerId, RawMessages.PostCreated(markerId, markerPost, 1m));
        await Eventually.UntilAsync(async () => await InboxRowsAsync(markerId) > 0, Patience, "the marker message to be applied");
        Assert.Equal(1, await CommitmentsForPostAsync(markerPost));
    }

    private Task<long> InboxRowsAsync(Guid messageId) =>
        FaultFixture.ScalarAsync(faults.FinanceDb, "SELECT count(*) FROM inbox_messages WHERE message_id = $1", messageId);

    private Task<long> CommitmentsForPostAsync(Guid postId) =>
        FaultFixture.ScalarAsync(faults.FinanceDb, "SELECT count(DISTINCT source) FROM commitments WHERE source = $1", $"post:{postId}");
}

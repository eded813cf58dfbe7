using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Web.Operations;

namespace Platform.Web.Pages;

/// <summary>
/// Operations (platform-admin only): each service's health and version, the RabbitMQ queues, the messages parked in
/// <c>_error</c> queues and re-driving them to their queue after a fix (audited with the operator's subject).
/// </summary>
public sealed partial class OperationsModel(OperationsStatus status, RabbitMqManagement management, ParkedMessages parked, ILogger<OperationsModel> logger) : PageModel
{
    public IReadOnlyList<ServiceStatus> Services { get; private set; } = [];

    public IReadOnlyList<QueueInfo> Queues { get; private set; } = [];

    public IReadOnlyList<ParkedMessage> Parked { get; private set; } = [];

    public string? QueueProblem { get; private set; }

    public IReadOnlyList<QueueInfo> NeedingAttention => Queues.Where(q => q.Attention is not null).ToList();

    [TempData]
    public string? Outcome { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Services = await status.ServicesAsync(cancellationToken);
        if (!management.IsConfigured)
        {
            QueueProblem = "The RabbitMQ management API is not configured (RabbitMq__ManagementUri).";
            return;
        }
        try
        {
            Queues = await management.QueuesAsync(cancellationToken);
            var list = new List<ParkedMessage>();
            foreach (var queue in Queues.Where(q => q.IsError && q.Messages > 0))
            {
                list.AddRange(await parked.ListAsync(queue.Name, cancellationToken));
            }
            Parked = list;
        }
        catch (Exception ex) when (ex is HttpRequestException or RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            LogBrokerUnreadable(logger, ex);
            QueueProblem = "RabbitMQ could not be reached. The queues are shown again once it answers.";
        }
    }

    /// <summary>Re-drives one parked message (by id) or all of a queue's.</summary>
    public async Task<IActionResult> OnPostRedriveAsync(string queue, string? messageId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(queue) || !queue.EndsWith(ParkedMessages.ErrorSuffix, StringComparison.Ordinal))
        {
            Outcome = "Choose an error queue to re-drive.";
            return RedirectToPage();
        }
        var subject = Platform.ServiceDefaults.Security.TokenSubject.Of(User) ?? User.Identity?.Name ?? "unknown";
        try
        {
            var moved = await parked.RedriveAsync(queue, string.IsNullOrEmpty(messageId) ? null : messageId, subject, cancellationToken);
            Outcome = moved == 0
                ? $"No message was re-driven from {queue}: it may have been re-driven already."
                : $"{moved} message{(moved == 1 ? "" : "s")} re-driven from {queue} to {queue[..^ParkedMessages.ErrorSuffix.Length]}.";
        }
        catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            LogRedriveFailed(logger, queue, ex);
            Outcome = $"Re-drive from {queue} failed: RabbitMQ did not take the messages. Nothing was lost; try again.";
        }
        return RedirectToPage();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The broker could not be read for the operations page.")]
    private static partial void LogBrokerUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-drive from {Queue} failed.")]
    private static partial void LogRedriveFailed(ILogger logger, string queue, Exception exception);
}

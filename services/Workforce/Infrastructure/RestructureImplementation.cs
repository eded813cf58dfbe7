using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Domain;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Infrastructure;

/// <summary>
/// Applies a programme's approved proposals to the establishment, all in one transaction: created posts first (so
/// redeployments can go into them), then changes, then deletions, each on its own effective date.
/// </summary>
public sealed class RestructureImplementation(WorkforceDbContext db)
{
    public async Task<int> ImplementAsync(RestructureProgramme programme, DateOnly upTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var due = programme.Proposals.Where(p => p.Status == ProposalStatus.Approved && p.EffectiveOn <= upTo)
            .OrderBy(p => p.Kind switch { ProposalKind.CreatePost => 0, ProposalKind.ChangePost => 1, _ => 2 })
            .ThenBy(p => p.EffectiveOn)
            .ToList();

        // Refuse the whole run before changing anything if a filled post would go without an outcome for its occupant.
        if (due.FirstOrDefault(p => p.Kind == ProposalKind.DeletePost && p.OccupantId is not null && p.Outcome == OccupantOutcome.None) is { } missing)
        {
            throw DomainRuleException.Conflict(
                $"Proposal {missing.Id} deletes a filled post without a redundancy or redeployment outcome for its occupant; record one first.", "outcome");
        }

        foreach (var proposal in due)
        {
            switch (proposal.Kind)
            {
                case ProposalKind.CreatePost:
                    var created = new Post(Guid.CreateVersion7(), proposal.TeamCode!, proposal.JobRole!, proposal.Grade!, proposal.Fte!.Value,
                        proposal.AnnualCost!.Value, proposal.BudgetLineCode!, proposal.EffectiveOn);
                    db.Posts.Add(created);
                    proposal.MarkImplemented(created.Id);
                    break;
                case ProposalKind.ChangePost:
                    var changed = await db.Posts.FirstAsync(p => p.Id == proposal.PostId, cancellationToken);
                    changed.Change(proposal.EffectiveOn, proposal.TeamCode, proposal.Grade, proposal.Fte, proposal.AnnualCost, proposal.BudgetLineCode);
                    proposal.MarkImplemented(null);
                    break;
                case ProposalKind.DeletePost:
                    await DeleteAsync(programme, proposal, cancellationToken);
                    proposal.MarkImplemented(null);
                    break;
            }
        }
        return due.Count;
    }

    private async Task DeleteAsync(RestructureProgramme programme, RestructureProposal proposal, CancellationToken cancellationToken)
    {
        var post = await db.Posts.FirstAsync(p => p.Id == proposal.PostId, cancellationToken);
        if (post.Status == PostStatus.Vacant)
        {
            // A vacant post being deleted stops being recruited to.
            var vacancy = await db.Vacancies.FirstAsync(v => v.PostId == post.Id && (v.Status == VacancyStatus.Open || v.Status == VacancyStatus.Advertised), cancellationToken);
            vacancy.Withdraw(post, proposal.DismissalDate);
        }
        if (post.Status == PostStatus.Filled && post.OccupantId is { } occupantId)
        {
            var worker = await db.Staff.FirstAsync(s => s.Id == occupantId, cancellationToken);
            post.Vacate(proposal.DismissalDate);
            if (proposal.Outcome == OccupantOutcome.Redeployment)
            {
                var target = await RedeploymentTargetAsync(programme, proposal.RedeployToPostId!.Value, cancellationToken);
                target.Occupy(worker.Id, proposal.EffectiveOn);
                worker.Redeploy(target);
            }
            else
            {
                worker.Leave(proposal.DismissalDate, "redundancy");
            }
        }
        post.Delete(proposal.EffectiveOn);
    }

    /// <summary>A redeployment names an existing post, or a create-post proposal of the same programme (implemented first).</summary>
    private async Task<Post> RedeploymentTargetAsync(RestructureProgramme programme, Guid id, CancellationToken cancellationToken)
    {
        if (programme.Proposals.FirstOrDefault(p => p.Id == id && p.Kind == ProposalKind.CreatePost) is { } creation)
        {
            if (creation.Status != ProposalStatus.Implemented || creation.PostId is not { } createdId)
            {
                throw DomainRuleException.Conflict($"The worker is redeployed into the post of proposal {id}, which is not implemented yet.", "redeployToPostId");
            }
            id = createdId;
        }
        return db.Posts.Local.FirstOrDefault(p => p.Id == id)
            ?? await db.Posts.FirstOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw DomainRuleException.Conflict("The post to redeploy into does not exist.", "redeployToPostId");
    }
}

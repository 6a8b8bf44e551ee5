using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TokenDashboard.Data.Configurations;

internal sealed class SitePolicyConfiguration : IEntityTypeConfiguration<SitePolicy>
{
    public void Configure(EntityTypeBuilder<SitePolicy> policy)
    {
        policy.ToTable("SitePolicies");
        policy.Property(p => p.Id).ValueGeneratedNever();
        policy.Property(p => p.Registration).HasMaxLength(20);
        policy.Property(p => p.UpdatedBy).HasMaxLength(450);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.Property(i => i.NormalizedEmail).HasMaxLength(256);
        invitation.Property(i => i.CodeHash).HasMaxLength(32);
        invitation.Property(i => i.InvitedBy).HasMaxLength(450);
        // A link is looked up by its code's hash.
        invitation.HasIndex(i => i.CodeHash).IsUnique();
    }
}

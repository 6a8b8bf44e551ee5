using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TokenDashboard.Data.Configurations;

internal sealed class TokenUsageDayConfiguration : IEntityTypeConfiguration<TokenUsageDay>
{
    public void Configure(EntityTypeBuilder<TokenUsageDay> usage)
    {
        usage.ToTable("TokenUsage");
        // The recorder adds to one row per token × day × method; the details view reads a token's days in order.
        usage.HasKey(u => new { u.TokenId, u.Day, u.Method });
        usage.Property(u => u.Method).HasMaxLength(80);
        // Retention deletes by day.
        usage.HasIndex(u => u.Day);
        // A removed token's usage goes with it.
        usage.HasOne<AccessToken>().WithMany().HasForeignKey(u => u.TokenId).OnDelete(DeleteBehavior.Cascade);
    }
}

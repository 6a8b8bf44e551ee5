using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TokenDashboard.Data.Configurations;

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> token)
    {
        token.Property(t => t.Description).HasMaxLength(100);
        token.Property(t => t.Preset).HasMaxLength(40);
        token.Property(t => t.Hint).HasMaxLength(4);
        token.Property(t => t.SecretHash).HasMaxLength(32);
        token.Property(t => t.LastUsedIp).HasMaxLength(64);
        token.Property(t => t.LastUsedMethod).HasMaxLength(80);

        // Validation looks a token up by its hash on every API call.
        token.HasIndex(t => t.SecretHash).IsUnique();
        token.HasIndex(t => t.UserId);
        token.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

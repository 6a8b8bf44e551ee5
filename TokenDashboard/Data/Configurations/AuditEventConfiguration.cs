using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TokenDashboard.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.Property(a => a.Action).HasConversion<string>().HasMaxLength(40);
        audit.Property(a => a.Ip).HasMaxLength(64);
        audit.Property(a => a.Detail).HasMaxLength(400);
        audit.Property(a => a.TokenName).HasMaxLength(100);
        // The Activity tab: an account's entries newest first (read backwards), and one token's entries — the token
        // filter, and the removal entry that names a removed token — without reading the account's whole trail.
        audit.HasIndex(a => new { a.UserId, a.At });
        audit.HasIndex(a => new { a.UserId, a.TokenId, a.At });
        audit.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

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
        audit.HasIndex(a => new { a.UserId, a.At });
        audit.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TokenDashboard.Data.Configurations;

internal sealed class BrowserSessionConfiguration : IEntityTypeConfiguration<BrowserSession>
{
    public void Configure(EntityTypeBuilder<BrowserSession> session)
    {
        session.Property(s => s.Id).HasMaxLength(32);
        session.Property(s => s.Ip).HasMaxLength(64);
        session.Property(s => s.UserAgent).HasMaxLength(400);
        session.HasIndex(s => s.UserId);
        session.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

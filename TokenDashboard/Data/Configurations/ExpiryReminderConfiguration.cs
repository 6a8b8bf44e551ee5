using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TokenDashboard.Data.Configurations;

internal sealed class ExpiryReminderConfiguration : IEntityTypeConfiguration<ExpiryReminder>
{
    public void Configure(EntityTypeBuilder<ExpiryReminder> reminder)
    {
        reminder.HasIndex(r => new { r.TokenId, r.ExpiresOn, r.DaysBefore }).IsUnique();
        reminder.HasOne<AccessToken>().WithMany().HasForeignKey(r => r.TokenId).OnDelete(DeleteBehavior.Cascade);
    }
}

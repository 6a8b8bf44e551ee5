using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TokenDashboard.Data.Configurations;

internal sealed class AppEnvironmentConfiguration : IEntityTypeConfiguration<AppEnvironment>
{
    public void Configure(EntityTypeBuilder<AppEnvironment> environment)
    {
        environment.ToTable("Environments");
        environment.Property(e => e.Name).HasMaxLength(40);
        environment.Property(e => e.DisplayName).HasMaxLength(100);
        environment.Property(e => e.Region).HasMaxLength(40);
        environment.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        environment.HasIndex(e => new { e.UserId, e.Name }).IsUnique();
        environment.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        environment.HasMany(e => e.Deployments).WithOne(d => d.Environment)
            .HasForeignKey(d => d.EnvironmentId).OnDelete(DeleteBehavior.Cascade);
        environment.HasMany(e => e.Nodes).WithOne(n => n.Environment)
            .HasForeignKey(n => n.EnvironmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

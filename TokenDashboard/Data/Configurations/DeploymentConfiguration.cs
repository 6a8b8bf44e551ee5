using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TokenDashboard.Data.Configurations;

internal sealed class DeploymentConfiguration : IEntityTypeConfiguration<Deployment>
{
    public void Configure(EntityTypeBuilder<Deployment> deployment)
    {
        deployment.Property(d => d.FileName).HasMaxLength(200);
        deployment.Property(d => d.Context).HasMaxLength(100);
        deployment.HasIndex(d => new { d.EnvironmentId, d.Context }).IsUnique();
    }
}

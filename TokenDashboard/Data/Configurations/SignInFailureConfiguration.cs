using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TokenDashboard.Data.Configurations;

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> failure)
    {
        failure.Property(f => f.AccountKey).HasMaxLength(300);
        failure.Property(f => f.Ip).HasMaxLength(64);
        failure.HasIndex(f => new { f.AccountKey, f.At });
        failure.HasIndex(f => new { f.Ip, f.At });
        failure.HasIndex(f => f.At);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TokenDashboard.Data.Configurations;

internal sealed class PasswordGateConfiguration : IEntityTypeConfiguration<PasswordGate>
{
    public void Configure(EntityTypeBuilder<PasswordGate> gate)
    {
        gate.HasKey(g => g.Key);
        gate.Property(g => g.Key).HasMaxLength(300);
        gate.Property(g => g.Holder).HasMaxLength(32);
    }
}

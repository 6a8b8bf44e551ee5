using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TokenDashboard.Data.Configurations;

internal sealed class NodeConfiguration : IEntityTypeConfiguration<Node>
{
    public void Configure(EntityTypeBuilder<Node> node)
    {
        node.ToTable("Nodes");
        node.Property(n => n.NodeGroup).HasMaxLength(40);
        node.Property(n => n.NodeType).HasMaxLength(40);
        node.Property(n => n.DisplayName).HasMaxLength(100);
        node.Property(n => n.Image).HasMaxLength(200);
        node.HasIndex(n => n.EnvironmentId);
    }
}

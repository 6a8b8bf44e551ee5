using TokenDashboard.Components.Shared;

namespace TokenDashboard.Tests.Components.Shared;

public sealed class AnnouncementTests
{
    [Fact]
    public void The_same_message_twice_is_a_change_of_text_so_it_is_read_again()
    {
        var announcement = new Announcement();

        announcement.Say("Enter a description.");
        var first = announcement.Text;
        announcement.Say("Enter a description.");

        Assert.NotEqual(first, announcement.Text);
        Assert.Equal("Enter a description.", first.Trim());
        Assert.Equal("Enter a description.", announcement.Text.Trim());
    }

    [Fact]
    public void Clearing_leaves_nothing_to_read()
    {
        var announcement = new Announcement();
        announcement.Say("Wrong password.");

        announcement.Clear();

        Assert.Equal("", announcement.Text);
    }
}

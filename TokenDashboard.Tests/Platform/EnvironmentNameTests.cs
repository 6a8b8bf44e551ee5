using TokenDashboard.Platform;

namespace TokenDashboard.Tests.Platform;

public sealed class EnvironmentNameTests
{
    [Theory]
    [InlineData("my-project", "my-project")]
    [InlineData("  My-Project ", "my-project")]
    [InlineData("ab", "ab")]
    [InlineData("0123456789012345678901234567890123456789", "0123456789012345678901234567890123456789")]
    public void Valid_names_are_stored_in_lower_case(string input, string stored)
    {
        Assert.Equal(stored, EnvironmentName.Parse(input).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("01234567890123456789012345678901234567890")]
    [InlineData("my_project")]
    [InlineData("my project")]
    [InlineData("my.project")]
    [InlineData("проект")]
    public void Invalid_names_are_refused_naming_the_parameter(string? input)
    {
        var error = EnvironmentName.Parse(input, "dstEnvName").Error;

        Assert.Equal(ErrorKind.InvalidParameter, error!.Kind);
        Assert.Equal("dstEnvName", error.Field);
    }

    [Fact]
    public void Overlong_input_is_not_echoed_in_full()
    {
        var error = EnvironmentName.Parse(new string('x', 10_000)).Error!;

        Assert.True(error.Message.Length < 200);
    }

    [Theory]
    [InlineData("  Shop  ", "Shop")]
    [InlineData("Ünïcode is fine", "Ünïcode is fine")]
    public void Display_names_are_trimmed(string input, string stored)
    {
        Assert.Equal(stored, EnvironmentName.ParseDisplayName(input).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    public void Blank_or_control_character_display_names_are_refused(string input)
    {
        Assert.Equal("displayName", EnvironmentName.ParseDisplayName(input).Error!.Field);
    }
}

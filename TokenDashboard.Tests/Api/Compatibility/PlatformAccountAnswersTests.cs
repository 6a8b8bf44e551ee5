using System.Text.Json;
using TokenDashboard.Tests.Infrastructure;

namespace TokenDashboard.Tests.Api.Compatibility;

/// <summary>
/// Signin and GetUserInfo read as the platform's clients read them (sent by <see cref="PlatformClient"/>): the account
/// beside <c>result</c> — a numeric <c>uid</c> that is the same in both answers and on every call, <c>email</c>,
/// <c>name</c> and <c>status</c> 1.
/// </summary>
public sealed class PlatformAccountAnswersTests(KestrelApiFixture fixture) : IClassFixture<KestrelApiFixture>
{
    [Fact]
    public async Task Signin_and_GetUserInfo_answer_the_accounts_number_email_name_and_status()
    {
        var user = await fixture.NewUserAsync("my-project");
        await using var client = new PlatformClient(fixture.Server);

        var signin = await client.CallAsync("users.Authentication.Signin", ("login", user.Email), ("password", AppFactory.DemoPassword));
        Assert.True(signin.Result == 0, signin.ToString());
        client.Session = signin["session"].GetString();
        var info = await client.CallAsync("users.Account.GetUserInfo");
        var again = await client.CallAsync("users.Account.GetUserInfo");

        foreach (var answer in new[] { signin, info })
        {
            Assert.Equal(0, answer.Result);
            Assert.Equal(JsonValueKind.Number, answer["uid"].ValueKind);
            Assert.True(answer["uid"].GetInt32() > 0, answer.ToString());
            Assert.Equal(user.Email, answer["email"].GetString());
            Assert.Equal(user.Email.Split('@')[0], answer["name"].GetString());
            Assert.Equal(1, answer["status"].GetInt32());
            Assert.DoesNotContain(user.UserId, answer.Body); // the number, never the Identity id
        }
        Assert.Equal(signin["uid"].GetInt32(), info["uid"].GetInt32());
        Assert.Equal(info["uid"].GetInt32(), again["uid"].GetInt32());
    }

    [Fact]
    public async Task Two_accounts_have_different_numbers()
    {
        var alice = await fixture.NewUserAsync("my-project");
        var bob = await fixture.NewUserAsync("my-project");
        await using var client = new PlatformClient(fixture.Server) { Session = await alice.TokenAsync() };
        var alices = (await client.CallAsync("users.Account.GetUserInfo"))["uid"].GetInt32();
        client.Session = await bob.TokenAsync();
        var bobs = (await client.CallAsync("users.Account.GetUserInfo"))["uid"].GetInt32();

        Assert.NotEqual(alices, bobs);
    }
}

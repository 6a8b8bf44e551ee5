using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Data.Changes;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Instances;

/// <summary>
/// A token changed through one instance stops working on the other within a second, although the other remembers it
/// and its clock stands still (so its 30-s maximum age never comes into it): the change feed carries the news.
/// </summary>
public sealed class RevocationAcrossInstancesTests : IAsyncLifetime
{
    /// <summary>The promise: the next request after the commit is refused on every instance once this has passed.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private readonly TwoInstances instances = new();
    private Actor demo = default!;

    private TokenService TokensOnA => instances.A.Get<TokenService>();
    private TokenValidator ValidatorOnB => instances.B.Get<TokenValidator>();

    [Fact]
    public async Task A_token_removed_on_one_instance_is_refused_by_the_other_within_a_second()
    {
        var issued = await IssueOnAAndRememberOnBAsync();

        await TokensOnA.RemoveAsync(demo, [issued.Token.Id], AppFactory.DemoPassword);
        await Task.Delay(Bound);

        Assert.Equal(TokenRejection.Unknown, (await ValidatorOnB.ValidateAsync(issued.Value)).Rejection);
    }

    [Fact]
    public async Task A_token_regenerated_on_one_instance_has_only_its_new_value_on_the_other_within_a_second()
    {
        var issued = await IssueOnAAndRememberOnBAsync();

        var regenerated = (await TokensOnA.RegenerateAsync(demo, issued.Token.Id, AppFactory.DemoPassword)).Value!;
        await Task.Delay(Bound);

        Assert.Equal(TokenRejection.Unknown, (await ValidatorOnB.ValidateAsync(issued.Value)).Rejection);
        Assert.NotNull((await ValidatorOnB.ValidateAsync(regenerated.Value)).Token);
    }

    [Fact]
    public async Task A_token_narrowed_on_one_instance_has_its_new_methods_on_the_other_within_a_second()
    {
        var issued = await IssueOnAAndRememberOnBAsync();

        await TokensOnA.EditAsync(demo, issued.Token.Id, new TokenDraft("narrowed", null, null, ["marketplace.App.GetList"]), AppFactory.DemoPassword);
        await Task.Delay(Bound);

        Assert.Equal(["marketplace.App.GetList"], (await ValidatorOnB.ValidateAsync(issued.Value)).Token!.Methods);
    }

    [Fact]
    public async Task A_token_remembered_as_unknown_on_one_instance_works_there_within_a_second_of_a_generation_on_the_other()
    {
        await WaitUntilCurrentAsync(instances.B.Get<ChangeFeed>());
        var value = TokenFormat.Generate(); // sent before it exists: only a test can, values are random
        Assert.Equal(TokenRejection.Unknown, (await ValidatorOnB.ValidateAsync(value)).Rejection);
        Assert.Equal(TokenRejection.Unknown, (await ValidatorOnB.ValidateAsync(value)).Rejection);
        await using (var db = instances.Database.CreateContext())
        {
            db.AccessTokens.Add(new TokenDashboard.Data.AccessToken
            {
                UserId = demo.UserId, Description = "behind the back", Preset = "ide-plugins",
                SecretHash = TokenFormat.Hash(value), Hint = TokenFormat.Hint(value), CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        Assert.Equal(TokenRejection.Unknown, (await ValidatorOnB.ValidateAsync(value)).Rejection); // still remembered

        await TokensOnA.GenerateAsync(demo, new TokenDraft("another", null, "IDE Plugins"), AppFactory.DemoPassword);
        await Task.Delay(Bound);

        Assert.NotNull((await ValidatorOnB.ValidateAsync(value)).Token);
    }

    [Fact]
    public async Task An_instance_whose_change_feed_is_down_trusts_nothing_it_remembers()
    {
        var issued = await IssueOnAAndRememberOnBAsync();
        await instances.B.Get<ChangeFeed>().StopAsync(CancellationToken.None);
        await Task.Delay(ChangeFeed.TrustWindow);

        // Behind every service's back: no notice goes out, and B hears none anyway.
        await using (var db = instances.Database.CreateContext())
        {
            await db.AccessTokens.Where(t => t.Id == issued.Token.Id).ExecuteDeleteAsync();
        }

        Assert.False(instances.B.Get<ChangeFeed>().IsCurrent);
        Assert.Equal(TokenRejection.Unknown, (await ValidatorOnB.ValidateAsync(issued.Value)).Rejection);
    }

    /// <summary>A token generated through A, validated twice through B (the second answer comes from B's memory).</summary>
    private async Task<IssuedToken> IssueOnAAndRememberOnBAsync()
    {
        var issued = (await TokensOnA.GenerateAsync(demo, new TokenDraft("shared", null, "IDE Plugins"), AppFactory.DemoPassword)).Value!;
        await WaitUntilCurrentAsync(instances.B.Get<ChangeFeed>());
        Assert.NotNull((await ValidatorOnB.ValidateAsync(issued.Value)).Token);
        Assert.NotNull((await ValidatorOnB.ValidateAsync(issued.Value)).Token);
        return issued;
    }

    /// <summary>A fresh instance trusts its memory only once its feed has proved itself; wait for that.</summary>
    internal static async Task WaitUntilCurrentAsync(ChangeFeed feed)
    {
        for (var i = 0; i < 200 && !feed.IsCurrent; i++)
        {
            await Task.Delay(50);
        }
        Assert.True(feed.IsCurrent, "The change feed never became current.");
    }

    public async Task InitializeAsync()
    {
        await instances.InitializeAsync();
        demo = await instances.A.DemoActorAsync();
    }

    public Task DisposeAsync() => instances.DisposeAsync();
}

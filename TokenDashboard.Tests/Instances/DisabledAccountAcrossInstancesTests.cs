using TokenDashboard.Accounts.Admin;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Instances;

/// <summary>
/// An account disabled by an administrator through one instance has its token refused by the other within a second,
/// although the other remembers the token and its clock stands still: the disabling announces a token change.
/// </summary>
public sealed class DisabledAccountAcrossInstancesTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private readonly TwoInstances instances = new();

    [Fact]
    public async Task A_token_of_an_account_disabled_on_one_instance_is_refused_by_the_other_within_a_second()
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        var user = await instances.A.CreateUserAsync(email);
        var issued = await instances.A.Get<TokenService>().GenerateAsync(user, new TokenDraft("script", null, "IDE Plugins"), AppFactory.DemoPassword);
        var validatorOnB = instances.B.Get<TokenValidator>();
        Assert.NotNull((await validatorOnB.ValidateAsync(issued.Value!.Value)).Token); // B now remembers it

        var disabled = await instances.A.Get<AccountAdministration>()
            .ApplyAsync(await instances.A.DemoActorAsync(), user.UserId, AccountAction.Disable, AppFactory.DemoPassword);
        Assert.True(disabled.Value, disabled.Error?.Message);
        await Task.Delay(Bound);

        Assert.Equal(TokenRejection.AccountDisabled, (await validatorOnB.ValidateAsync(issued.Value.Value)).Rejection);

        await instances.A.Get<AccountAdministration>()
            .ApplyAsync(await instances.A.DemoActorAsync(), user.UserId, AccountAction.Enable, AppFactory.DemoPassword);
        await Task.Delay(Bound);

        Assert.NotNull((await validatorOnB.ValidateAsync(issued.Value.Value)).Token);
    }

    public Task InitializeAsync() => instances.InitializeAsync();

    public Task DisposeAsync() => instances.DisposeAsync();
}

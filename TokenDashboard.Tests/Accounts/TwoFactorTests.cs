using Microsoft.EntityFrameworkCore;
using TokenDashboard.Accounts;
using TokenDashboard.Accounts.TwoFactor;
using TokenDashboard.Data;
using TokenDashboard.Tests.Infrastructure;
using TokenDashboard.Tokens;

namespace TokenDashboard.Tests.Accounts;

/// <summary>
/// Two-factor sign-in through the service the pages use: enabling with the app's first code, ten single-use recovery
/// codes, codes counting toward the password lockout, disabling with password and code.
/// </summary>
public sealed class TwoFactorTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private TwoFactorService TwoFactor => fixture.Factory.Get<TwoFactorService>();

    private async Task<(ApiUser User, string Key, IReadOnlyList<string> RecoveryCodes)> EnabledUserAsync()
    {
        var user = await fixture.NewUserAsync("env-a");
        var (key, codes) = await user.EnableTwoFactorAsync();
        return (user, key, codes);
    }

    [Fact]
    public async Task Setup_offers_a_locally_drawn_qr_code_and_a_manual_key_for_the_same_secret()
    {
        var user = await fixture.NewUserAsync("env-a");

        var setup = (await TwoFactor.BeginSetupAsync(user.UserId)).Value!;

        Assert.StartsWith("data:image/png;base64,", setup.QrCodePng);
        Assert.True(Convert.FromBase64String(setup.QrCodePng["data:image/png;base64,".Length..]).Length > 100);
        Assert.StartsWith($"otpauth://totp/TokenDashboard:{Uri.EscapeDataString(user.Email)}?secret=", setup.AuthenticatorUri);
        Assert.Contains(setup.SharedKey.Replace(" ", "").ToUpperInvariant(), setup.AuthenticatorUri);
        Assert.False((await TwoFactor.GetStatusAsync(user.UserId)).Enabled);
    }

    [Fact]
    public async Task A_wrong_first_code_leaves_two_factor_off()
    {
        var user = await fixture.NewUserAsync("env-a");
        var setup = (await TwoFactor.BeginSetupAsync(user.UserId)).Value!;

        var refused = await TwoFactor.EnableAsync(user.Actor, AppFactory.DemoPassword, Totp.WrongCode(setup.SharedKey));

        Assert.Equal(ErrorKind.WrongCode, refused.Error!.Kind);
        Assert.False((await TwoFactor.GetStatusAsync(user.UserId)).Enabled);
    }

    [Fact]
    public async Task Enabling_needs_the_password_so_a_stolen_session_cannot_enrol_its_own_authenticator()
    {
        var user = await fixture.NewUserAsync("env-a");
        var setup = (await TwoFactor.BeginSetupAsync(user.UserId)).Value!;

        var noPassword = await TwoFactor.EnableAsync(user.Actor, null, Totp.Code(setup.SharedKey));
        var wrongPassword = await TwoFactor.EnableAsync(user.Actor, "not the password", Totp.Code(setup.SharedKey));

        Assert.Equal(("password", ErrorKind.InvalidParameter), (noPassword.Error!.Field, noPassword.Error.Kind));
        Assert.Equal(("password", ErrorKind.WrongPassword), (wrongPassword.Error!.Field, wrongPassword.Error.Kind));
        Assert.False((await TwoFactor.GetStatusAsync(user.UserId)).Enabled);
        await using var db = fixture.Factory.Database.CreateContext();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.UserId == user.UserId && e.Action == AuditAction.PasswordRejected));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.UserId == user.UserId && e.Action == AuditAction.TwoFactorEnabled));
        Assert.Empty(fixture.Factory.MailsTo(user.Email));
    }

    [Fact]
    public async Task Enabling_tells_the_owner_by_mail_from_which_address()
    {
        var (user, _, _) = await EnabledUserAsync();

        var mail = Assert.Single(fixture.Factory.MailsTo(user.Email));
        Assert.Contains("Subject: Two-factor sign-in was turned on", mail.Headers);
        Assert.Contains("turned on for your TokenDashboard account from 127.0.0.2", mail.Body);
    }

    [Fact]
    public async Task New_recovery_codes_need_the_password_and_replace_the_old_ones()
    {
        var (user, _, old) = await EnabledUserAsync();

        var refused = await TwoFactor.NewRecoveryCodesAsync(user.Actor, "not the password");
        Assert.Equal(ErrorKind.WrongPassword, refused.Error!.Kind);
        Assert.Null(await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", old[0], recoveryCode: true));

        var renewed = await TwoFactor.NewRecoveryCodesAsync(user.Actor, AppFactory.DemoPassword);

        Assert.True(renewed.Succeeded, renewed.Error?.Message);
        Assert.Equal(10, renewed.Value!.Distinct().Count());
        Assert.Empty(renewed.Value!.Intersect(old));
        Assert.Equal(ErrorKind.WrongCode, (await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", old[1], recoveryCode: true))!.Kind);
        Assert.Null(await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", renewed.Value![0], recoveryCode: true));
        Assert.Equal(new TwoFactorStatus(true, 9), await TwoFactor.GetStatusAsync(user.UserId));
        await using var db = fixture.Factory.Database.CreateContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.UserId == user.UserId && e.Action == AuditAction.RecoveryCodesRenewed));
        Assert.Contains(fixture.Factory.MailsTo(user.Email), m => m.Headers.Contains("Subject: New two-factor recovery codes were made"));
    }

    [Fact]
    public async Task New_recovery_codes_are_refused_while_two_factor_is_off()
    {
        var user = await fixture.NewUserAsync("env-a");

        var refused = await TwoFactor.NewRecoveryCodesAsync(user.Actor, AppFactory.DemoPassword);

        Assert.Equal(ErrorKind.InvalidParameter, refused.Error!.Kind);
        Assert.Equal(new TwoFactorStatus(false, 0), await TwoFactor.GetStatusAsync(user.UserId));
    }

    [Fact]
    public async Task Enabling_gives_ten_distinct_recovery_codes_and_the_account_reports_them()
    {
        var (user, _, codes) = await EnabledUserAsync();

        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal(new TwoFactorStatus(true, 10), await TwoFactor.GetStatusAsync(user.UserId));
        await using var db = fixture.Factory.Database.CreateContext();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.UserId == user.UserId && e.Action == AuditAction.TwoFactorEnabled));
    }

    [Fact]
    public async Task The_sign_in_step_takes_the_current_code_or_a_recovery_code_once()
    {
        var (user, key, codes) = await EnabledUserAsync();

        // The next step's code: enabling used this step's.
        Assert.Null(await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", Totp.Code(key, fixture.Factory.Now().AddSeconds(30)), recoveryCode: false));
        Assert.Null(await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", codes[0], recoveryCode: true));
        var reused = await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", codes[0], recoveryCode: true);

        Assert.Equal(ErrorKind.WrongCode, reused!.Kind);
        Assert.Contains("each works once", reused.Message);
        Assert.Equal(9, (await TwoFactor.GetStatusAsync(user.UserId)).RecoveryCodesLeft);
    }

    [Fact]
    public async Task An_app_code_works_once_so_the_code_that_turned_two_factor_on_cannot_sign_in()
    {
        var (user, key, _) = await EnabledUserAsync();
        var now = fixture.Factory.Now();

        var sameStep = await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", Totp.Code(key, now), recoveryCode: false);
        var next = Totp.Code(key, now.AddSeconds(30));
        var first = await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", next, recoveryCode: false);
        var again = await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", next, recoveryCode: false);

        Assert.Equal(ErrorKind.WrongCode, sameStep!.Kind);
        Assert.Null(first);
        Assert.Equal(ErrorKind.WrongCode, again!.Kind);
        Assert.Contains("each code works once", again.Message);
    }

    [Fact]
    public async Task Only_codes_within_one_step_of_now_are_taken_not_one_a_minute_old_nor_one_a_minute_ahead()
    {
        var (user, key, _) = await EnabledUserAsync();
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(90));
        var now = fixture.Factory.Now();

        var aMinuteOld = await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", Totp.Code(key, now.AddSeconds(-60)), recoveryCode: false);
        var aMinuteAhead = await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", Totp.Code(key, now.AddSeconds(60)), recoveryCode: false);
        var halfAMinuteOld = await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", Totp.Code(key, now.AddSeconds(-30)), recoveryCode: false);

        Assert.Equal(ErrorKind.WrongCode, aMinuteOld!.Kind);
        Assert.Equal(ErrorKind.WrongCode, aMinuteAhead!.Kind);
        Assert.Null(halfAMinuteOld);
    }

    [Fact]
    public async Task Ten_parallel_sign_ins_with_one_fresh_code_let_exactly_one_through()
    {
        var (user, key, _) = await EnabledUserAsync();
        var code = Totp.Code(key, fixture.Factory.Now().AddSeconds(30));

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", code, recoveryCode: false)));

        Assert.Equal(1, answers.Count(a => a is null));
    }

    [Fact]
    public async Task Five_wrong_codes_lock_the_account_like_five_wrong_passwords_and_then_even_the_right_code_is_refused()
    {
        var (user, key, codes) = await EnabledUserAsync();

        var answers = new List<Error?>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", Totp.WrongCode(key), recoveryCode: false));
        }
        answers.Add(await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", "zzzzz-zzzzz", recoveryCode: true));

        Assert.All(answers.Take(4), a => Assert.Equal(ErrorKind.WrongCode, a!.Kind));
        Assert.Equal(ErrorKind.LockedOut, answers[4]!.Kind);
        Assert.Equal(ErrorKind.LockedOut, (await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", Totp.Code(key), false))!.Kind);
        Assert.Equal(ErrorKind.LockedOut, (await TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", codes[1], true))!.Kind);
        var wrongPassword = await fixture.Factory.Get<PasswordConfirmation>().ConfirmAsync(user.Actor, AppFactory.DemoPassword);
        Assert.Equal(ErrorKind.LockedOut, wrongPassword!.Kind);
    }

    [Fact]
    public async Task Twenty_parallel_wrong_codes_check_at_most_five()
    {
        var (user, key, _) = await EnabledUserAsync();
        var wrong = Totp.WrongCode(key);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            TwoFactor.CheckSignInCodeAsync(user.UserId, "127.0.0.1", wrong, recoveryCode: false)));

        Assert.Equal(4, answers.Count(a => a!.Kind == ErrorKind.WrongCode));
        Assert.Equal(16, answers.Count(a => a!.Kind == ErrorKind.LockedOut));
    }

    [Fact]
    public async Task Disabling_needs_the_password_and_a_code()
    {
        var (user, key, codes) = await EnabledUserAsync();

        Assert.Equal(ErrorKind.WrongPassword, (await TwoFactor.DisableAsync(user.Actor, "wrong password", Totp.Code(key))).Error!.Kind);
        Assert.Equal(ErrorKind.WrongCode, (await TwoFactor.DisableAsync(user.Actor, AppFactory.DemoPassword, "")).Error!.Kind);
        Assert.Equal(ErrorKind.WrongCode, (await TwoFactor.DisableAsync(user.Actor, AppFactory.DemoPassword, Totp.WrongCode(key))).Error!.Kind);
        Assert.True((await TwoFactor.GetStatusAsync(user.UserId)).Enabled);

        Assert.True((await TwoFactor.DisableAsync(user.Actor, AppFactory.DemoPassword, codes[3])).Succeeded);

        Assert.Equal(new TwoFactorStatus(false, 0), await TwoFactor.GetStatusAsync(user.UserId));
        Assert.Contains(fixture.Factory.MailsTo(user.Email), m => m.Headers.Contains("Subject: Two-factor sign-in was turned off"));
        await using var db = fixture.Factory.Database.CreateContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.UserId == user.UserId && e.Action == AuditAction.TwoFactorDisabled));
    }
}

namespace TokenDashboard.Data;

/// <summary>One line of the account's audit trail. Never holds a secret.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public int? TokenId { get; set; }
    public AuditAction Action { get; set; }
    public DateTime At { get; set; }
    public string? Ip { get; set; }
    public string? Detail { get; set; }

    /// <summary>
    /// On the entry that removes a token (whatever removed it), the token's description: the token's row is gone,
    /// and the account's earlier entries of that token are still named by it.
    /// </summary>
    public string? TokenName { get; set; }
}

/// <summary>Stored as text so the trail stays readable in the database and values can be added freely.</summary>
public enum AuditAction
{
    Created,
    Edited,
    Regenerated,
    Copied,
    Removed,
    PasswordRejected,
    LockedOut,
    SignedIn,
    SignedOut,
    /// <summary>A wrong password at sign-in (form or API Signin): not counted against the hourly confirmation cap.</summary>
    SignInRejected,
    /// <summary>A sign-in refused or ended by the lockout.</summary>
    SignInLockedOut,
    /// <summary>The password was changed; other sessions ended.</summary>
    PasswordChanged,
    /// <summary>A browser sign-in was ended from elsewhere (a password change, or the Sessions tab).</summary>
    SessionEnded,
    /// <summary>A token revoked itself (users.Authentication.RevokeToken); Detail names the holder's address.</summary>
    RevokedByHolder,
    /// <summary>A token's methods cut down to those it used (Custom with exactly them); its value stays.</summary>
    Narrowed,
    /// <summary>A call with a valid token came from an address outside its allow-list and was refused.</summary>
    AddressRefused,
    TwoFactorEnabled,
    TwoFactorDisabled,
    /// <summary>A wrong two-factor or recovery code (counts toward the lockout like a wrong password).</summary>
    TwoFactorCodeRejected,
    RecoveryCodeUsed,
    /// <summary>Ten new recovery codes replaced the earlier ones (after the password).</summary>
    RecoveryCodesRenewed,
    /// <summary>A token revoked because someone reported its value as leaked (ReportLeakedTokens); Detail names their address.</summary>
    ReportedLeaked,
    /// <summary>Someone registered with this account's address (nothing changed; the owner is told at most once an hour).</summary>
    RegistrationAttempted,
    /// <summary>A link to confirm the account's address was mailed.</summary>
    ConfirmationMailed,
    /// <summary>An administrator ended the lockout; Detail says from which address.</summary>
    UnlockedByAdministrator,
    /// <summary>An administrator disabled the account: every session ended, sign-in and tokens refused.</summary>
    DisabledByAdministrator,
    EnabledByAdministrator,
    /// <summary>An administrator ended every browser sign-in and API session of the account.</summary>
    SignedOutByAdministrator,
    /// <summary>An administrator turned two-factor sign-in off (the key and recovery codes are gone).</summary>
    TwoFactorResetByAdministrator,
    AdministratorGranted,
    AdministratorRevoked,
    /// <summary>An administrator revoked one of the account's tokens from the credentials inventory.</summary>
    RevokedByAdministrator,
    /// <summary>In the acting administrator's own trail: what they did to which account (the admin trail).</summary>
    AdministratorAction,
    /// <summary>An administrator saved the policies; Detail says what changed (on the administrator's own trail).</summary>
    PoliciesChanged,
    /// <summary>The policies' maximum lifetime, applied to existing tokens by an administrator, moved this token's expiry date closer.</summary>
    ExpiryShortenedByPolicy,
    /// <summary>An administrator mailed an invitation to register (on the administrator's own trail; Detail: the address).</summary>
    InvitationSent,
}

using TokenDashboard.Accounts;
using TokenDashboard.Tokens;
using TokenDashboard.Tokens.Usage;
using MudBlazor;

namespace TokenDashboard.Components.AccessTokens;

/// <summary>
/// The dialog sequences behind the toolbar: token dialog → password → show-once, or confirm → password.
/// Each returns true when something changed, so the tab knows to reload. Errors never escape as exceptions:
/// they are shown in the dialog that caused them.
/// </summary>
internal sealed class TokenWorkflows(IDialogService dialogs, TokenService tokens, ISnackbar snackbar)
{
    /// <summary>The token form handles Escape itself: a filled form asks before it is thrown away.</summary>
    private static readonly DialogOptions Wide = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = false, BackdropClick = false, DefaultFocus = DefaultFocus.None };
    private static readonly DialogOptions Narrow = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = false, DefaultFocus = DefaultFocus.None };

    /// <summary>The show-once dialog handles Escape itself: like Close, it asks "Have you saved it?" first.</summary>
    private static readonly DialogOptions ShowOnce = Narrow with { CloseOnEscapeKey = false };

    // Each sequence below loops: when the password step is cancelled (or given up after a wrong password or a
    // lockout), the form opens again filled in as the person left it, rather than throwing it away.

    public async Task<bool> GenerateAsync(Actor actor)
    {
        TokenDraft? resume = null;
        while (await AskForSettingsAsync(actor, TokenDialogMode.Generate, initial: null, resume) is { Draft: { } draft })
        {
            var issued = await IssueAsync($"Generate the token \"{draft.Description?.Trim()}\".", draft.Description!,
                password => tokens.GenerateAsync(actor, draft, password), "Token generated.");
            if (issued is { } done)
            {
                return done;
            }
            resume = draft;
        }
        return false;
    }

    public async Task<bool> EditAsync(Actor actor, TokenSummary token)
    {
        TokenDraft? resume = null;
        while (await AskForSettingsAsync(actor, TokenDialogMode.Edit, token.ToDraft(), resume) is { Draft: { } settings } result)
        {
            if (result.Regenerate)
            {
                // The new value comes with what the dialog shows: its date, description and methods.
                var issued = await IssueAsync($"Regenerate \"{token.Description}\". Its current value stops working at once.", settings.Description ?? token.Description,
                    password => tokens.RegenerateAsync(actor, token.Id, settings, password), "Token regenerated: update the scripts that use it.");
                if (issued is { } done)
                {
                    return done;
                }
            }
            else if (await ConfirmAsync($"Save the changes to \"{token.Description}\".", async password =>
                         (await tokens.EditAsync(actor, token.Id, settings, password)).Error))
            {
                snackbar.Add("Token saved.", Severity.Success);
                return true;
            }
            resume = settings;
        }
        return false;
    }

    /// <summary>A row menu's Regenerate: a new value with the token's settings as they are (an expired one gets the default lifetime).</summary>
    public async Task<bool> RegenerateAsync(Actor actor, TokenSummary token) =>
        await IssueAsync($"Regenerate \"{token.Description}\". Its current value stops working at once.", token.Description,
            password => tokens.RegenerateAsync(actor, token.Id, password), "Token regenerated: update the scripts that use it.") ?? false;

    public async Task<bool> CopyAsync(Actor actor, TokenSummary source)
    {
        TokenDraft? resume = null;
        while (await AskForSettingsAsync(actor, TokenDialogMode.Copy, CopyOf(source), resume) is { Draft: { } draft })
        {
            var issued = await IssueAsync($"Duplicate \"{source.Description}\": a new token with the same settings and a new value.", draft.Description!,
                password => tokens.CopyAsync(actor, source.Id, draft, password), "Token duplicated.");
            if (issued is { } done)
            {
                return done;
            }
            resume = draft;
        }
        return false;
    }

    public async Task<bool> RemoveAsync(Actor actor, IReadOnlyList<TokenSummary> selected)
    {
        var parameters = new DialogParameters<RemoveTokensDialog> { { d => d.Names, selected.Select(t => t.Description).ToList() } };
        var confirm = await (await dialogs.ShowAsync<RemoveTokensDialog>("Remove tokens", parameters, Narrow)).Result;
        if (confirm is null || confirm.Canceled)
        {
            return false;
        }

        var ids = selected.Select(t => t.Id).ToList();
        var removed = await ConfirmAsync($"Remove {ids.Count} token{(ids.Count == 1 ? "" : "s")}.", async password =>
            (await tokens.RemoveAsync(actor, ids, password)).Error);
        if (removed)
        {
            snackbar.Add($"Removed {ids.Count} token{(ids.Count == 1 ? "" : "s")}.", Severity.Success);
        }
        return removed;
    }

    /// <summary>The details view; true when its methods were changed there.</summary>
    public async Task<bool> ShowDetailsAsync(Actor actor, TokenSummary token)
    {
        var parameters = new DialogParameters<TokenDetailsDialog>
        {
            { d => d.TokenId, token.Id }, { d => d.Description, token.Description }, { d => d.Actor, actor },
        };
        var details = new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true, BackdropClick = true, DefaultFocus = DefaultFocus.None };
        var result = await (await dialogs.ShowAsync<TokenDetailsDialog>("Token details", parameters, details)).Result;
        return result is { Canceled: false, Data: true };
    }

    /// <summary>Narrow to the used methods, or add the refused ones: the plan was shown; now the password.</summary>
    public async Task<bool> SetMethodsAsync(Actor actor, TokenSummary token, MethodsChange change, MethodsPlan plan)
    {
        var message = change == MethodsChange.Narrow
            ? $"Narrow \"{token.Description}\" to {plan.Result.Count} method{(plan.Result.Count == 1 ? "" : "s")}, removing {plan.Changed.Count}. Its value stays the same."
            : $"Add {plan.Changed.Count} refused method{(plan.Changed.Count == 1 ? "" : "s")} to \"{token.Description}\". Its value stays the same.";
        var done = await ConfirmAsync(message, async password =>
            (await tokens.SetMethodsAsync(actor, token.Id, change, plan.Result, password)).Error);
        if (done)
        {
            snackbar.Add(change == MethodsChange.Narrow ? "Token narrowed." : "Refused methods added.", Severity.Success);
        }
        return done;
    }

    private async Task<TokenDialogResult?> AskForSettingsAsync(Actor actor, TokenDialogMode mode, TokenDraft? initial, TokenDraft? resume)
    {
        var parameters = new DialogParameters<TokenDialog>
        {
            { d => d.Mode, mode }, { d => d.Initial, initial }, { d => d.Resume, resume }, { d => d.Policy, await tokens.PolicyAsync(actor.UserId) },
        };
        var dialog = await dialogs.ShowAsync<TokenDialog>(mode.ToString(), parameters, Wide);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: TokenDialogResult chosen } ? chosen : null;
    }

    /// <summary>Password, then the show-once dialog with the new value; null when the password step was cancelled.</summary>
    private async Task<bool?> IssueAsync(string message, string description, Func<string, Task<Result<IssuedToken>>> issue, string done)
    {
        IssuedToken? issued = null;
        var confirmed = await ConfirmAsync(message, async password =>
        {
            var result = await issue(password);
            issued = result.Value;
            return result.Error;
        });
        if (!confirmed || issued is null)
        {
            return null;
        }

        var notice = issued.ExpiryDefaulted
            ? $"It had expired, so the new value expires on {issued.Token.ExpiresOn:dd-MM-yyyy}, the default {issued.Token.ExpiresOn!.Value.DayNumber - DateOnly.FromDateTime(issued.Token.UpdatedAt).DayNumber} days from today. Edit the token to choose another date."
            : null;
        var parameters = new DialogParameters<ShowOnceDialog> { { d => d.Value, issued.Value }, { d => d.Description, description }, { d => d.Notice, notice } };
        issued = null;
        await (await dialogs.ShowAsync<ShowOnceDialog>("Token value", parameters, ShowOnce)).Result;
        // Only now: a snackbar over the value dialog would cover the value while the person copies it.
        snackbar.Add(done, Severity.Success);
        return true;
    }

    private async Task<bool> ConfirmAsync(string message, Func<string, Task<Error?>> change)
    {
        var parameters = new DialogParameters<PasswordConfirmDialog> { { d => d.Message, message }, { d => d.Change, change } };
        var result = await (await dialogs.ShowAsync<PasswordConfirmDialog>("Password", parameters, Narrow)).Result;
        return result is { Canceled: false };
    }

    /// <summary>The Duplicate dialog starts as "&lt;description&gt; (copy)", so the two tokens can be told apart.</summary>
    private static TokenDraft CopyOf(TokenSummary source)
    {
        const string suffix = " (copy)";
        var stem = source.Description.Length + suffix.Length <= TokenDraftValidator.MaxDescriptionLength
            ? source.Description
            : source.Description[..(TokenDraftValidator.MaxDescriptionLength - suffix.Length)];
        return source.ToDraft() with { Description = stem + suffix };
    }
}

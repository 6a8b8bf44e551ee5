using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;

namespace TokenDashboard.Platform;

/// <summary>
/// Deployments of a user's environments. Like <see cref="EnvironmentService"/>: the acting user's id on every call,
/// another user's environment answers exactly like a missing one, and committed changes are announced.
/// Deploying and undeploying need a running environment.
/// </summary>
internal sealed class DeploymentService(IDbContextFactory<AppDbContext> dbFactory, EnvironmentNotifier notifier, TimeProvider clock)
{
    public const string RootContext = "ROOT";
    public const int MaxFileNameLength = 200;
    public const int MaxContextLength = 100;

    public async Task<Result<IReadOnlyList<DeploymentSummary>>> ListAsync(string userId, string? envName, CancellationToken cancellationToken = default)
    {
        var name = EnvironmentName.Parse(envName);
        if (!name.Succeeded)
        {
            return name.Error!;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var environment = await EnvironmentService.FindOwnedAsync(db, userId, name.Value!, cancellationToken);
        if (environment is null)
        {
            return PlatformErrors.NotFound(name.Value!);
        }
        return await db.Deployments.AsNoTracking()
            .Where(d => d.EnvironmentId == environment.Id)
            .OrderBy(d => d.Context)
            .Select(d => new DeploymentSummary(d.FileName, d.Context, d.DeployedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Deploys <paramref name="fileName"/> at <paramref name="context"/> (ROOT when empty), replacing what was there.</summary>
    public async Task<Result<DeploymentSummary>> DeployAsync(string userId, string? envName, string? fileName, string? context, CancellationToken cancellationToken = default)
    {
        var name = EnvironmentName.Parse(envName);
        if (!name.Succeeded)
        {
            return name.Error!;
        }
        var file = ParseFileName(fileName);
        if (!file.Succeeded)
        {
            return file.Error!;
        }
        var path = ParseContext(string.IsNullOrWhiteSpace(context) ? RootContext : context);
        if (!path.Succeeded)
        {
            return path.Error!;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return await ChangeAtContextAsync(userId, name.Value!, path.Value!, "deploying", EnvironmentChangeKind.Deployed, (db, environmentId, existing) =>
        {
            var deployment = existing ?? db.Deployments.Add(new Deployment { EnvironmentId = environmentId, Context = path.Value!, FileName = file.Value! }).Entity;
            deployment.FileName = file.Value!;
            deployment.DeployedAt = now;
            return deployment;
        }, cancellationToken);
    }

    public async Task<Result<DeploymentSummary>> UndeployAsync(string userId, string? envName, string? context, CancellationToken cancellationToken = default)
    {
        var name = EnvironmentName.Parse(envName);
        if (!name.Succeeded)
        {
            return name.Error!;
        }
        var path = ParseContext(context);
        if (!path.Succeeded)
        {
            return path.Error!;
        }

        return await ChangeAtContextAsync(userId, name.Value!, path.Value!, "undeploying", EnvironmentChangeKind.Undeployed, (db, _, existing) =>
        {
            if (existing is null)
            {
                return Error.Invalid("context", $"Nothing is deployed at context '{path.Value}' of '{name.Value}'.");
            }
            db.Deployments.Remove(existing);
            return existing;
        }, cancellationToken);
    }

    /// <summary>
    /// Deploy's and Undeploy's one write: in one transaction, the running environment and what is deployed at
    /// <paramref name="context"/> (or null) go to <paramref name="change"/>; what it answers is saved and announced.
    /// </summary>
    private async Task<Result<DeploymentSummary>> ChangeAtContextAsync(string userId, string name, string context, string doing,
        EnvironmentChangeKind kind, Func<AppDbContext, int, Deployment?, Result<Deployment>> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var environment = await FindRunningAsync(db, userId, name, doing, cancellationToken);
        if (!environment.Succeeded)
        {
            return environment.Error!;
        }
        var id = environment.Value!.Id;
        var existing = await db.Deployments.FirstOrDefaultAsync(d => d.EnvironmentId == id && d.Context == context, cancellationToken);
        var changed = change(db, id, existing);
        if (!changed.Succeeded)
        {
            return changed.Error!;
        }
        await db.SaveChangesAsync(cancellationToken);
        await notifier.CommitAsync(db, transaction, new EnvironmentChange(userId, name, kind), cancellationToken);
        var deployment = changed.Value!;
        return new DeploymentSummary(deployment.FileName, deployment.Context, deployment.DeployedAt);
    }

    private static async Task<Result<AppEnvironment>> FindRunningAsync(AppDbContext db, string userId, string name, string doing, CancellationToken cancellationToken)
    {
        var environment = await EnvironmentService.FindOwnedAsync(db, userId, name, cancellationToken);
        if (environment is null)
        {
            return PlatformErrors.NotFound(name);
        }
        return environment.Status == EnvironmentStatus.Running
            ? environment
            : PlatformErrors.InvalidState($"'{name}' is {EnvironmentService.Describe(environment.Status)}; start it before {doing}.");
    }

    /// <summary>A file name, not a path: no separators, no control characters, at most 200 characters.</summary>
    internal static Result<string> ParseFileName(string? value)
    {
        var fileName = value?.Trim() ?? "";
        if (fileName.Length == 0)
        {
            return Error.Invalid("fileName", "Give the file to deploy, e.g. app.war.");
        }
        if (fileName.Length > MaxFileNameLength || fileName.Any(c => char.IsControl(c) || c is '/' or '\\') || fileName is "." or "..")
        {
            return Error.Invalid("fileName",
                $"'{EnvironmentName.Shorten(fileName)}' is not a file name: at most {MaxFileNameLength} characters, without '/' or '\\'.");
        }
        return fileName;
    }

    /// <summary>A context path segment: letters, digits, '.', '_' and '-', e.g. ROOT or api-v2.</summary>
    internal static Result<string> ParseContext(string? value)
    {
        var context = value?.Trim() ?? "";
        if (context.Length == 0)
        {
            return Error.Invalid("context", "Give a context, e.g. ROOT.");
        }
        if (context.Length > MaxContextLength || context is "." or ".." || !context.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            return Error.Invalid("context",
                $"'{EnvironmentName.Shorten(context)}' is not a context: use up to {MaxContextLength} letters, digits, '.', '_' and '-'.");
        }
        return context;
    }
}

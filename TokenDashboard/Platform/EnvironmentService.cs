using Microsoft.EntityFrameworkCore;
using TokenDashboard.Data;
using TokenDashboard.Accounts;

namespace TokenDashboard.Platform;

/// <summary>
/// A user's environments, for the API and the Environments page alike. Every method takes the acting user's id
/// (from the authenticated principal or the validated credential) and only ever sees that user's environments:
/// another user's environment is indistinguishable from one that does not exist. Each change is a read-then-write
/// in one transaction and, once committed, is announced through <see cref="EnvironmentNotifier"/>.
/// </summary>
internal sealed class EnvironmentService(
    IDbContextFactory<AppDbContext> dbFactory,
    EnvironmentNotifier notifier,
    PasswordConfirmation passwords,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The user's environments by name; remembered until their next change (<see cref="EnvironmentNotifier.Lists"/>).</summary>
    public async Task<IReadOnlyList<EnvironmentSummary>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        await notifier.Lists.GetOrReadAsync(userId, async ct =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var rows = await db.Environments.AsNoTracking()
                .Where(e => e.UserId == userId)
                .OrderBy(e => e.Name)
                .Include(e => e.Nodes)
                .Include(e => e.Deployments)
                .AsSplitQuery()
                .ToListAsync(ct);
            // Read-only for every caller that shares it.
            return rows.Select(e => Summarize(e, e.Nodes, e.Deployments)).ToList().AsReadOnly();
        }, cancellationToken);

    public async Task<Result<EnvironmentSummary>> GetAsync(string userId, string? name, CancellationToken cancellationToken = default)
    {
        var parsed = EnvironmentName.Parse(name);
        if (!parsed.Succeeded)
        {
            return parsed.Error!;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var environment = await FindOwnedAsync(db, userId, parsed.Value!, cancellationToken);
        return environment is null ? PlatformErrors.NotFound(parsed.Value!) : await SummarizeAsync(db, environment, cancellationToken);
    }

    /// <summary>A new running environment of the default topology (one application server).</summary>
    public Task<Result<EnvironmentSummary>> CreateAsync(string userId, string? name, string? displayName, CancellationToken cancellationToken = default) =>
        CreateAsync(userId, new EnvironmentDraft(name, displayName), cancellationToken);

    /// <summary>A new running environment with the nodes the draft asks for (<see cref="Topology"/>'s rules).</summary>
    public Task<Result<EnvironmentSummary>> CreateAsync(string userId, EnvironmentDraft draft, CancellationToken cancellationToken = default) =>
        InsertAsync(userId, draft, deployment: null, cancellationToken);

    /// <summary>Starts a stopped or sleeping environment; starting a running one succeeds and changes nothing.</summary>
    public Task<Result<EnvironmentSummary>> StartAsync(string userId, string? name, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(userId, name, EnvironmentStatus.Running, cancellationToken);

    /// <summary>Stops an environment; stopping a stopped one succeeds and changes nothing.</summary>
    public Task<Result<EnvironmentSummary>> StopAsync(string userId, string? name, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(userId, name, EnvironmentStatus.Stopped, cancellationToken);

    /// <summary>Puts a running environment to sleep; a sleeping one stays asleep (success, no change); a stopped one is refused.</summary>
    public Task<Result<EnvironmentSummary>> SleepAsync(string userId, string? name, CancellationToken cancellationToken = default) =>
        ChangeStatusAsync(userId, name, EnvironmentStatus.Sleeping, cancellationToken);

    /// <summary>
    /// Restarts a running environment's nodes: all of them, those of <paramref name="nodeGroup"/>, or the one node
    /// <paramref name="nodeId"/> (which must then be in that group, when one is named too). Nothing stored changes,
    /// so nobody is notified.
    /// </summary>
    public async Task<Result<EnvironmentSummary>> RestartNodesAsync(
        string userId, string? name, string? nodeGroup = null, int? nodeId = null, CancellationToken cancellationToken = default)
    {
        var found = await GetAsync(userId, name, cancellationToken);
        if (found.Value is not { } environment)
        {
            return found;
        }
        var group = nodeGroup?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(group) && environment.Nodes.All(n => n.NodeGroup != group))
        {
            return Error.Invalid("nodeGroup", $"'{EnvironmentName.Shorten(group)}' is not a node group of '{environment.Name}'; its groups are {string.Join(", ", environment.NodeGroups)}.");
        }
        if (nodeId is { } id && !environment.Nodes.Any(n => n.Id == id && (string.IsNullOrEmpty(group) || n.NodeGroup == group)))
        {
            return Error.Invalid("nodeId", string.IsNullOrEmpty(group)
                ? $"{id} is not a node of '{environment.Name}'."
                : $"{id} is not a node of group '{group}' of '{environment.Name}'.");
        }
        if (!environment.IsRunning)
        {
            return PlatformErrors.InvalidState(
                $"'{environment.Name}' is {Describe(environment.Status)}; only a running environment's nodes can be restarted.");
        }
        return found;
    }

    public async Task<Result<EnvironmentSummary>> SetDisplayNameAsync(string userId, string? name, string? displayName, CancellationToken cancellationToken = default)
    {
        var parsed = EnvironmentName.Parse(name);
        if (!parsed.Succeeded)
        {
            return parsed.Error!;
        }
        var display = EnvironmentName.ParseDisplayName(displayName);
        if (!display.Succeeded)
        {
            return display.Error!;
        }
        return await MutateAsync(userId, parsed.Value!, EnvironmentChangeKind.DisplayNameChanged, environment =>
        {
            environment.DisplayName = display.Value!;
            return null;
        }, cancellationToken);
    }

    /// <summary>A new running environment named <paramref name="destination"/> with the source's deployments.</summary>
    public async Task<Result<EnvironmentSummary>> CloneAsync(string userId, string? source, string? destination, CancellationToken cancellationToken = default)
    {
        var from = EnvironmentName.Parse(source, "srcEnvName");
        if (!from.Succeeded)
        {
            return from.Error!;
        }
        var to = EnvironmentName.Parse(destination, "dstEnvName");
        if (!to.Succeeded)
        {
            return to.Error!;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var original = await db.Environments.Include(e => e.Deployments).Include(e => e.Nodes).AsSplitQuery()
            .FirstOrDefaultAsync(e => e.UserId == userId && e.Name == from.Value, cancellationToken);
        if (original is null)
        {
            return PlatformErrors.NotFound(from.Value!);
        }
        if (await ExistsAsync(db, userId, to.Value!, cancellationToken))
        {
            return PlatformErrors.AlreadyExists(to.Value!);
        }

        var now = Now;
        var clone = NewEnvironment(userId, to.Value!, Truncate($"{original.DisplayName} (clone)"), now);
        (clone.Region, clone.HighAvailability, clone.Ssl) = (original.Region, original.HighAvailability, original.Ssl);
        clone.Deployments.AddRange(original.Deployments.Select(d => new Deployment { FileName = d.FileName, Context = d.Context, DeployedAt = now }));
        clone.Nodes.AddRange(Topology.Copy(original.Nodes));
        db.Environments.Add(clone);
        if (!await SaveNewAsync(db, userId, clone.Name, cancellationToken))
        {
            return PlatformErrors.AlreadyExists(clone.Name);
        }
        await notifier.CommitAsync(db, transaction, new EnvironmentChange(userId, clone.Name, EnvironmentChangeKind.Created), cancellationToken);
        return Summarize(clone, clone.Nodes, clone.Deployments);
    }

    /// <summary>Deletes an environment and its deployments once the account password confirms it.</summary>
    public async Task<Result<EnvironmentSummary>> DeleteAsync(Actor actor, string? name, string? password, CancellationToken cancellationToken = default)
    {
        var parsed = EnvironmentName.Parse(name);
        if (!parsed.Succeeded)
        {
            return parsed.Error!;
        }
        if (await passwords.ConfirmAsync(actor, password, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var environment = await FindOwnedAsync(db, actor.UserId, parsed.Value!, cancellationToken);
        if (environment is null)
        {
            return PlatformErrors.NotFound(parsed.Value!);
        }
        var summary = await SummarizeAsync(db, environment, cancellationToken);
        db.Environments.Remove(environment);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.CommitAsync(db, transaction, new EnvironmentChange(actor.UserId, environment.Name, EnvironmentChangeKind.Deleted), cancellationToken);
        return summary;
    }

    /// <summary>Installs a marketplace app: a new running environment with the app's package deployed at ROOT.</summary>
    public async Task<Result<Installation>> InstallAsync(string userId, string? appId, string? name, string? displayName, CancellationToken cancellationToken = default)
    {
        var app = MarketplaceCatalog.Find(appId);
        if (app is null)
        {
            return Error.Invalid("id", string.IsNullOrWhiteSpace(appId)
                ? "Give a marketplace application id."
                : $"There is no marketplace application '{EnvironmentName.Shorten(appId)}'. Choose one of: {string.Join(", ", MarketplaceCatalog.All.Select(a => a.Id))}.");
        }
        var created = await InsertAsync(userId, new EnvironmentDraft(name, displayName ?? app.Name, Nodes: app.Topology),
            (app.Package, DeploymentService.RootContext), cancellationToken);
        return created.Succeeded ? new Installation(created.Value!, app) : created.Error!;
    }

    private async Task<Result<EnvironmentSummary>> InsertAsync(
        string userId, EnvironmentDraft draft, (string FileName, string Context)? deployment, CancellationToken cancellationToken)
    {
        var parsed = EnvironmentName.Parse(draft.Name);
        if (!parsed.Succeeded)
        {
            return parsed.Error!;
        }
        var display = draft.DisplayName is null ? parsed : EnvironmentName.ParseDisplayName(draft.DisplayName);
        if (!display.Succeeded)
        {
            return display.Error!;
        }
        var region = Topology.ParseRegion(draft.Region, "region");
        if (!region.Succeeded)
        {
            return region.Error!;
        }
        var nodes = Topology.Build(draft.Nodes ?? Topology.Default);
        if (!nodes.Succeeded)
        {
            return nodes.Error!;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await ExistsAsync(db, userId, parsed.Value!, cancellationToken))
        {
            return PlatformErrors.AlreadyExists(parsed.Value!);
        }
        var now = Now;
        var environment = NewEnvironment(userId, parsed.Value!, display.Value!, now);
        (environment.Region, environment.HighAvailability, environment.Ssl) = (region.Value, draft.HighAvailability, draft.Ssl);
        environment.Nodes.AddRange(nodes.Value!);
        if (deployment is { } d)
        {
            environment.Deployments.Add(new Deployment { FileName = d.FileName, Context = d.Context, DeployedAt = now });
        }
        db.Environments.Add(environment);
        if (!await SaveNewAsync(db, userId, environment.Name, cancellationToken))
        {
            return PlatformErrors.AlreadyExists(environment.Name);
        }
        await notifier.CommitAsync(db, transaction, new EnvironmentChange(userId, environment.Name, EnvironmentChangeKind.Created), cancellationToken);
        return Summarize(environment, environment.Nodes, environment.Deployments);
    }

    private async Task<Result<EnvironmentSummary>> ChangeStatusAsync(string userId, string? name, EnvironmentStatus target, CancellationToken cancellationToken)
    {
        var parsed = EnvironmentName.Parse(name);
        if (!parsed.Succeeded)
        {
            return parsed.Error!;
        }
        return await MutateAsync(userId, parsed.Value!, EnvironmentChangeKind.StatusChanged, environment =>
        {
            if (target == EnvironmentStatus.Sleeping && environment.Status == EnvironmentStatus.Stopped)
            {
                return PlatformErrors.InvalidState($"'{environment.Name}' is stopped; only a running environment can be put to sleep.");
            }
            environment.Status = target;
            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// Finds the user's environment and applies a change (or a refusal). A change that leaves everything as it was
    /// (stop a stopped environment, rename to the same name) succeeds without a write or a notification, so that
    /// scripts can re-run; a real change is committed, then announced.
    /// </summary>
    private async Task<Result<EnvironmentSummary>> MutateAsync(
        string userId, string name, EnvironmentChangeKind kind, Func<AppEnvironment, Error?> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Lock the row before reading it: PostgreSQL reads at read committed, so eight parallel stops would otherwise
        // all read "running" and all write and announce; SQLite takes its write lock here instead of at the save.
        await db.Environments.Where(e => e.UserId == userId && e.Name == name)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Status, e => e.Status), cancellationToken);
        var environment = await FindOwnedAsync(db, userId, name, cancellationToken);
        if (environment is null)
        {
            return PlatformErrors.NotFound(name);
        }
        if (change(environment) is { } refused)
        {
            return refused;
        }
        if (!db.ChangeTracker.HasChanges())
        {
            return await SummarizeAsync(db, environment, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await notifier.CommitAsync(db, transaction, new EnvironmentChange(userId, environment.Name, kind), cancellationToken);
        return await SummarizeAsync(db, environment, cancellationToken);
    }

    private AppEnvironment NewEnvironment(string userId, string name, string displayName, DateTime now) => new()
    {
        UserId = userId,
        Name = name,
        DisplayName = displayName,
        Status = EnvironmentStatus.Running,
        CreatedAt = now,
    };

    /// <summary>
    /// Saves a new environment; false when a parallel create of the same name committed first. PostgreSQL reads at
    /// read committed, so both may have seen the name free: the unique index refuses the second, which is then the
    /// same "already exists" as a create that came later (never an unexpected error).
    /// </summary>
    private async Task<bool> SaveNewAsync(AppDbContext db, string userId, string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await ExistsAsync(check, userId, name, cancellationToken))
            {
                return false;
            }
            throw;
        }
    }

    internal static Task<AppEnvironment?> FindOwnedAsync(AppDbContext db, string userId, string name, CancellationToken cancellationToken) =>
        db.Environments.FirstOrDefaultAsync(e => e.UserId == userId && e.Name == name, cancellationToken);

    private static Task<bool> ExistsAsync(AppDbContext db, string userId, string name, CancellationToken cancellationToken) =>
        db.Environments.AnyAsync(e => e.UserId == userId && e.Name == name, cancellationToken);

    private static async Task<EnvironmentSummary> SummarizeAsync(AppDbContext db, AppEnvironment environment, CancellationToken cancellationToken)
    {
        var nodes = await db.Nodes.AsNoTracking().Where(n => n.EnvironmentId == environment.Id).ToListAsync(cancellationToken);
        var deployments = await db.Deployments.AsNoTracking().Where(d => d.EnvironmentId == environment.Id).ToListAsync(cancellationToken);
        return Summarize(environment, nodes, deployments);
    }

    private static EnvironmentSummary Summarize(AppEnvironment e, IEnumerable<Node> nodes, IEnumerable<Deployment> deployments) =>
        new(e.Id, e.Name, e.DisplayName, e.Status, e.CreatedAt, e.Region, e.HighAvailability, e.Ssl,
            nodes.OrderBy(n => n.Id).Select(NodeSummary.From).ToList(),
            deployments.OrderBy(d => d.Context, StringComparer.Ordinal).Select(d => new DeploymentSummary(d.FileName, d.Context, d.DeployedAt)).ToList());

    internal static string Describe(EnvironmentStatus status) => status switch
    {
        EnvironmentStatus.Running => "running",
        EnvironmentStatus.Stopped => "stopped",
        EnvironmentStatus.Sleeping => "sleeping",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Truncate(string text) =>
        text.Length <= EnvironmentName.MaxDisplayNameLength ? text : text[..EnvironmentName.MaxDisplayNameLength];
}

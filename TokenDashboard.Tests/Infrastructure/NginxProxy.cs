using System.Diagnostics;

namespace TokenDashboard.Tests.Infrastructure;

/// <summary>
/// Debian's nginx in front of several app instances, as docs/OPERATIONS.md's "Running several instances" shows: one port sticky
/// by client address (ip_hash, which Blazor Server's circuits need), answering with the instance it chose in
/// <c>X-Upstream</c>, plus one port per instance for tests that must reach a given one through the proxy.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    public const string NginxPath = "/usr/sbin/nginx";
    public const string InstallHint = "No nginx found: install it with `apt-get install nginx`.";

    private readonly string folder = Directory.CreateTempSubdirectory("tokendashboard-nginx-").FullName;
    private readonly Process process;
    private readonly List<string?> errors = [];

    public static bool IsInstalled => File.Exists(NginxPath);

    public NginxProxy(params int[] instancePorts)
    {
        StickyPort = AppInstance.FreePort();
        PinnedPorts = instancePorts.Select(_ => AppInstance.FreePort()).ToArray();
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), Config(instancePorts));
        var info = new ProcessStartInfo(NginxPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-g", "daemon off;" })
        {
            info.ArgumentList.Add(arg);
        }
        process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.Add(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The proxy as people reach it: sticky by client address.</summary>
    public int StickyPort { get; }

    /// <summary>Through the proxy to instance i only.</summary>
    public int[] PinnedPorts { get; }

    public Uri Sticky => new($"http://127.0.0.1:{StickyPort}");

    public HttpClient PinnedClient(int instance) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{PinnedPorts[instance]}"), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Waits until every port of the proxy answers (an instance's /healthz).</summary>
    public async Task WaitReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var port in PinnedPorts.Append(StickyPort))
        {
            for (var attempt = 0; ; attempt++)
            {
                Assert.False(process.HasExited, $"nginx exited: {string.Join(" ", errors)}");
                try
                {
                    if ((await client.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode)
                    {
                        break;
                    }
                }
                catch (HttpRequestException) when (attempt < 100)
                {
                }
                await Task.Delay(100);
            }
        }
    }

    private string Config(int[] instancePorts)
    {
        var servers = string.Concat(instancePorts.Select(p => $"        server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;\n"));
        var pinned = string.Concat(instancePorts.Select((p, i) => $$"""
                upstream instance{{i}} { server 127.0.0.1:{{p}}; }
                server {
                    listen 127.0.0.1:{{PinnedPorts[i]}};
                    location / { proxy_pass http://instance{{i}}; include proxy.conf; }
                }

            """));
        File.WriteAllText(Path.Combine(folder, "proxy.conf"), """
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1h;
            """);
        return $$"""
            worker_processes 1;
            user root;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                map $http_upgrade $connection_upgrade { default upgrade; '' close; }

                upstream tokendashboard {
                    ip_hash;
            {{servers}}    }
                server {
                    listen 127.0.0.1:{{StickyPort}};
                    add_header X-Upstream $upstream_addr always;
                    location / { proxy_pass http://tokendashboard; include proxy.conf; }
                }

            {{pinned}}}
            """;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

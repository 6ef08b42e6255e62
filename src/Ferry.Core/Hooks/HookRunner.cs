using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Ferry.Core.Storage;

namespace Ferry.Core.Hooks;

/// <summary>
/// Runs a <see cref="HookCommand"/> as a child process with a time limit, capturing stdout and stderr together (the
/// last <see cref="MaxOutputChars"/> characters, redacted: a hook's output can echo a connection string).
/// </summary>
public static class HookRunner
{
    public const int MaxOutputChars = 64 * 1024;

    public static async Task<HookResult> RunAsync(HookCommand hook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hook);
        var display = UriRedactor.RedactText(hook.Display);
        using var process = new Process { StartInfo = StartInfo(hook) };
        var output = new BoundedText(MaxOutputChars);
        process.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
        var clock = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            return new HookResult(hook.Name, display, null, false, clock.Elapsed, string.Empty) { StartError = e.Message };
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(hook.Timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        // WaitForExitAsync returns once the process ends; the redirected streams may still be draining.
        process.WaitForExit();
        return new HookResult(hook.Name, display, timedOut ? null : process.ExitCode, timedOut, clock.Elapsed, UriRedactor.RedactText(output.ToString()));
    }

    private static ProcessStartInfo StartInfo(HookCommand hook)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = hook.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        if (hook.Shell is { } line)
        {
            info.FileName = OperatingSystem.IsWindows() ? "cmd.exe" : "/bin/sh";
            info.ArgumentList.Add(OperatingSystem.IsWindows() ? "/c" : "-c");
            info.ArgumentList.Add(line);
        }
        else
        {
            if (hook.Arguments.Count == 0)
            {
                throw new ArgumentException($"hook {hook.Name} has neither a shell line nor a command", nameof(hook));
            }

            info.FileName = hook.Arguments[0];
            foreach (var argument in hook.Arguments.Skip(1))
            {
                info.ArgumentList.Add(argument);
            }
        }

        foreach (var (name, value) in hook.Environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>Keeps the tail of a process's output: the end is where a failing command says why.</summary>
    private sealed class BoundedText(int limit)
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _gate = new();

        public void AppendLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                _text.Append(line).Append('\n');
                if (_text.Length > limit)
                {
                    _text.Remove(0, _text.Length - limit);
                }
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }
}

using System.Globalization;
using System.Text;

namespace ConnStorm.Kernels;

/// <summary>
/// The guest's /init (a busybox sh script): mount the pseudo file systems, bring loopback up, run
/// connstorm with a time bound, print probes.json between markers, power off. It never returns:
/// init exiting would panic the kernel, which -no-reboot and panic=-1 turn into a quick exit
/// anyway, but a clean poweroff tells "finished" from "crashed".
/// </summary>
public static class InitScript
{
    /// <summary>Where the connstorm binary sits inside the initramfs.</summary>
    public const string ConnStormPath = "/connstorm";

    /// <summary>The probe catalogue, as run inside the VM.</summary>
    public static readonly IReadOnlyList<string> CatalogueCommand = ["probe", "--in-place", "--out", "/out"];

    /// <param name="guestArgs">Arguments for connstorm inside the VM (the catalogue by default).</param>
    /// <param name="timeBound">How long the guest command may run before it is killed.</param>
    public static string Render(IReadOnlyList<string> guestArgs, TimeSpan timeBound)
    {
        string command = string.Join(' ', new[] { ConnStormPath }.Concat(guestArgs).Select(ShellQuote));
        int seconds = Math.Max(1, (int)Math.Ceiling(timeBound.TotalSeconds));
        var s = new StringBuilder();
        s.Append("""
            #!/bin/sh
            export PATH=/bin HOME=/root TMPDIR=/tmp
            # .NET needs no ICU (invariant globalization) but does want a writable /tmp and a HOME.
            export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_gcServer=0
            mount -t proc proc /proc
            mount -t sysfs sysfs /sys
            mount -t devtmpfs devtmpfs /dev 2>/dev/null
            mount -t tmpfs tmpfs /tmp
            mkdir -p /out /root
            # Kernel messages on the console would interleave with our output; keep only emergencies.
            dmesg -n 1
            ip link set lo up
            echo "=====CONNSTORM-GUEST-START $(cut -d' ' -f1 /proc/uptime)====="

            """);
        s.Append(CultureInfo.InvariantCulture, $"timeout -s KILL {seconds} {command} >/out/connstorm.log 2>&1\n");
        s.Append("""
            rc=$?
            echo "=====CONNSTORM-GUEST-DONE $(cut -d' ' -f1 /proc/uptime)====="
            echo "=====CONNSTORM-EXIT $rc====="
            if [ ! -s /out/probes.json ]; then
              # connstorm wrote no probes.json (it failed early): send what it printed, the kernel and
              # its port rules instead, so the host reports a failed kernel with something to read.
              {
                printf '{\n  "stand_in": true,\n  "kernel_release": "%s",\n' "$(uname -r)"
                printf '  "connstorm_exit": %s,\n' "$rc"
                printf '  "connstorm_output": "%s",\n' "$(tail -n 5 /out/connstorm.log | tr -d '"\\' | tr '\n\t' '  ')"
                printf '  "ip_local_port_range": "%s",\n' "$(tr '\t' ' ' </proc/sys/net/ipv4/ip_local_port_range)"
                printf '  "tcp_tw_reuse": "%s"\n}\n' "$(cat /proc/sys/net/ipv4/tcp_tw_reuse)"
              } >/out/probes.json
            fi
            echo "----- connstorm output (last 20 lines) -----"
            tail -n 20 /out/connstorm.log
            echo "=====CONNSTORM-SHA256 $(sha256sum /out/probes.json | cut -d' ' -f1)====="
            echo "=====CONNSTORM-PROBES-BEGIN====="
            base64 /out/probes.json
            echo "=====END====="
            sync
            poweroff -f

            """);
        return s.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string ShellQuote(string a) =>
        a.Length > 0 && a.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c)) ? a : "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

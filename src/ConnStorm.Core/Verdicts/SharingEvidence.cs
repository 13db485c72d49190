using ConnStorm.Results;

namespace ConnStorm.Verdicts;

/// <summary>
/// For SO_REUSEADDR with explicit ports: matching the rule's count is not enough, the run must
/// show one source ip:port serving several destinations. connections.csv shows it directly;
/// without it, more connections than source ip:ports can only mean ports were shared.
/// </summary>
internal static class SharingEvidence
{
    public static RowFit Refine(RowFit fit, Func<RunRow, IReadOnlyList<(string Source, string Target)>?> connectionsOf)
    {
        var row = fit.Row;
        if (fit.Fit == Fit.Untested)
        {
            return fit;
        }
        if (row.Targets < 2)
        {
            // With one destination no port can serve two, whatever the kernel allows.
            return fit.Fit == Fit.Agrees
                ? fit with { Fit = Fit.Untested, Text = fit.Text + "; with 1 destination it cannot show a shared port" }
                : fit;
        }

        var pairs = connectionsOf(row);
        bool shared;
        string evidence;
        if (pairs is not null)
        {
            var perSource = pairs.GroupBy(p => p.Source, StringComparer.Ordinal)
                .Select(g => g.Select(p => p.Target).Distinct(StringComparer.Ordinal).Count())
                .ToList();
            var most = perSource.Count == 0 ? 0 : perSource.Max();
            shared = most > 1;
            evidence = $"connections.csv: {Say.N(pairs.Count)} connections from {Say.Count(perSource.Count, "source ip:port", "source ip:ports")}, "
                + $"at most {Say.Count(most, "destination", "destinations")} on one source port";
        }
        else
        {
            long addresses = (long)(row.SourcePorts ?? 0) * Say.SourceIps(row);
            shared = row.MaxEstablished > addresses;
            evidence = $"no connections.csv, judged by count: {Say.N(row.MaxEstablished)} connections from {Say.Count(addresses, "source ip:port", "source ip:ports")}"
                + (shared ? ", so ports were shared" : ", which does not show sharing");
        }

        var text = fit.Text + "; " + evidence;
        return fit.Fit == Fit.Agrees && !shared
            ? fit with { Fit = Fit.Disagrees, Text = text }
            : fit with { Text = text };
    }
}

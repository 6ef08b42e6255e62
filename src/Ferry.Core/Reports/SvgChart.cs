using System.Globalization;
using System.Net;
using System.Text;

namespace Ferry.Core.Reports;

/// <summary>One series of a bar chart: its name (the legend), colour and one value per category.</summary>
public sealed record BarSeries(string Name, string Color, IReadOnlyList<double> Values);

/// <summary>
/// Hand-written inline SVG charts for the HTML report (a line chart and horizontal bar charts): no script, no fonts or
/// images to fetch, so the page renders the same offline and in print. Each chart is one <c>&lt;svg class="chart"&gt;</c>
/// with a title for screen readers.
/// </summary>
public static class SvgChart
{
    private const int Width = 760;

    private static readonly int[] NiceFactors = [1, 2, 5, 10];

    /// <summary>A line over time: <paramref name="points"/> are (x, y) with x ascending.</summary>
    public static string Line(string name, string title, IReadOnlyList<(double X, double Y)> points, string xLabel, string yLabel)
    {
        const int height = 260, left = 64, right = 16, top = 16, bottom = 44;
        var plotWidth = Width - left - right;
        var plotHeight = height - top - bottom;
        var maxX = Math.Max(points.Count == 0 ? 1 : points.Max(p => p.X), 1e-9);
        var maxY = NiceMax(points.Count == 0 ? 1 : points.Max(p => p.Y));
        double Px(double x) => left + (x / maxX * plotWidth);
        double Py(double y) => top + plotHeight - (y / maxY * plotHeight);

        var svg = Open(name, title, height);
        foreach (var tick in Ticks(maxY))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{left}\" x2=\"{left + plotWidth}\" y1=\"{F(Py(tick))}\" y2=\"{F(Py(tick))}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{left - 6}\" y=\"{F(Py(tick) + 4)}\" text-anchor=\"end\">{Label(tick)}</text>");
        }

        foreach (var tick in Ticks(NiceMax(maxX)).Where(t => t <= maxX))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{F(Px(tick))}\" y=\"{top + plotHeight + 16}\" text-anchor=\"middle\">{Label(tick)}</text>");
        }

        var path = string.Join(' ', points.Select(p => $"{F(Px(p.X))},{F(Py(p.Y))}"));
        if (points.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<polygon class=\"area\" points=\"{F(Px(points[0].X))},{F(Py(0))} {path} {F(Px(points[^1].X))},{F(Py(0))}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<polyline class=\"line\" points=\"{path}\"/>");
            foreach (var p in points)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"dot\" cx=\"{F(Px(p.X))}\" cy=\"{F(Py(p.Y))}\" r=\"2.5\"><title>{Label(p.X)} {E(xLabel)}: {Label(p.Y)} {E(yLabel)}</title></circle>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" x2=\"{left + plotWidth}\" y1=\"{top + plotHeight}\" y2=\"{top + plotHeight}\"/>")
            .Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{top + plotHeight}\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{left + (plotWidth / 2)}\" y=\"{height - 8}\" text-anchor=\"middle\">{E(xLabel)}</text>")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"14\" y=\"{top + (plotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {top + (plotHeight / 2)})\">{E(yLabel)}</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars, one group per category, one bar per series, each labelled with its value.</summary>
    public static string Bars(string name, string title, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, string valueLabel)
    {
        const int left = 200, right = 90, top = 12, barHeight = 14, gap = 10;
        var legend = series.Count > 1 ? 24 : 0;
        var groupHeight = (series.Count * barHeight) + gap;
        var height = top + legend + (categories.Count * groupHeight) + 28;
        var plotWidth = Width - left - right;
        var max = Math.Max(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max(), 1e-9);

        var svg = Open(name, title, height);
        for (var i = 0; series.Count > 1 && i < series.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{left + (i * 160)}\" y=\"{top}\" width=\"12\" height=\"12\" fill=\"{series[i].Color}\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"legend\" x=\"{left + (i * 160) + 18}\" y=\"{top + 10}\">{E(series[i].Name)}</text>");
        }

        for (var c = 0; c < categories.Count; c++)
        {
            var y = top + legend + (c * groupHeight);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"category\" x=\"{left - 8}\" y=\"{y + (series.Count * barHeight / 2) + 4}\" text-anchor=\"end\">{E(Shorten(categories[c]))}<title>{E(categories[c])}</title></text>");
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[c];
                var length = value / max * plotWidth;
                var barY = y + (s * barHeight);
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{left}\" y=\"{barY}\" width=\"{F(Math.Max(length, value > 0 ? 1 : 0))}\" height=\"{barHeight - 2}\" fill=\"{series[s].Color}\"><title>{E(categories[c])}, {E(series[s].Name)}: {Label(value)}</title></rect>")
                    .Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{F(left + length + 4)}\" y=\"{barY + barHeight - 3}\">{Label(value)}</text>");
            }
        }

        var axisY = top + legend + (categories.Count * groupHeight);
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" x2=\"{left}\" y1=\"{top + legend - 4}\" y2=\"{axisY}\"/>")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{left + (plotWidth / 2)}\" y=\"{axisY + 20}\" text-anchor=\"middle\">{E(valueLabel)}</text>");
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string name, string title, int height) => new StringBuilder()
        .Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" data-chart=\"{E(name)}\" role=\"img\" aria-label=\"{E(title)}\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\">")
        .Append("<title>").Append(E(title)).Append("</title>");

    // The smallest 1, 2 or 5 × 10^n at or above the value, so the axis ends on a round number.
    private static double NiceMax(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return NiceFactors.Select(f => f * magnitude).First(v => v >= value);
    }

    private static IEnumerable<double> Ticks(double max) => Enumerable.Range(0, 5).Select(i => max * i / 4);

    private static string Label(double value) => value.ToString(Math.Abs(value) >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 28 ? text : text[..27] + "…";

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

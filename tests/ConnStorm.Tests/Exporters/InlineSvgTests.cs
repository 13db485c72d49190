using ConnStorm.Exporters;

namespace ConnStorm.Tests.Exporters;

public sealed class InlineSvgTests
{
    private const string Svg = """
        <?xml version="1.0" encoding="utf-8"?>
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
        <svg width="600" height="300px" xmlns="http://www.w3.org/2000/svg" onload="init(evt)">
        <script>alert(1)</script><!-- comment -->
        <clipPath id="c0"><rect/></clipPath><g clip-path="url(#c0)"><use xlink:href="#c0"/></g>
        </svg>
        """;

    [Fact]
    public void The_prolog_doctype_comments_and_scripts_are_gone()
    {
        var svg = InlineSvg.From(Svg, "p1-");

        Assert.StartsWith("<svg", svg);
        Assert.DoesNotContain("<?xml", svg);
        Assert.DoesNotContain("DOCTYPE", svg);
        Assert.DoesNotContain("comment", svg);
        Assert.DoesNotContain("script", svg);
        Assert.DoesNotContain("onload", svg);
    }

    [Fact]
    public void Ids_and_their_references_get_the_prefix()
    {
        var svg = InlineSvg.From(Svg, "p1-");

        Assert.Contains("id=\"p1-c0\"", svg);
        Assert.Contains("url(#p1-c0)", svg);
        Assert.Contains("xlink:href=\"#p1-c0\"", svg);
    }

    [Fact]
    public void A_viewBox_is_derived_from_width_and_height_so_the_plot_scales()
    {
        Assert.Contains("viewBox=\"0 0 600 300\"", InlineSvg.From(Svg, "p1-"));
    }

    [Fact]
    public void A_file_without_an_svg_element_is_invalid_data()
    {
        Assert.Throws<InvalidDataException>(() => InlineSvg.From("<html></html>", "p1-"));
    }
}

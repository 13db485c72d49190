using ConnStorm.Plots;

namespace ConnStorm.Tests.Plots;

public sealed class GnuplotTextTests
{
    [Fact]
    public void Quoting_doubles_single_quotes_and_keeps_backquotes_inside_single_quotes()
    {
        // gnuplot runs `commands` found in double-quoted strings, never in single-quoted ones.
        Assert.Equal("'it''s `rm -rf x`'", GnuplotText.Quote("it's `rm -rf x`"));
    }

    [Fact]
    public void Quoting_turns_line_breaks_into_spaces()
    {
        Assert.Equal("'a b'", GnuplotText.Quote("a\nb"));
    }

    [Fact]
    public void A_subtitle_goes_on_a_second_line()
    {
        Assert.Equal("'Title' . \"\\n\" . 'kernel 6.8'", GnuplotText.Title("Title", "kernel 6.8"));
        Assert.Equal("'Title'", GnuplotText.Title("Title", null));
    }

    [Fact]
    public void Panels_are_laid_out_nearly_square_and_capped_at_16()
    {
        Assert.Equal(new PanelGrid(1, 1, 1, 1), PanelGrid.For(1));
        Assert.Equal(new PanelGrid(2, 2, 3, 3), PanelGrid.For(3));
        Assert.Equal(new PanelGrid(2, 3, 5, 5), PanelGrid.For(5));
        Assert.Equal(new PanelGrid(4, 4, 16, 40), PanelGrid.For(40));
        Assert.Equal(" (16 of 40 runs shown: the first 15 and the largest)", PanelGrid.For(40).TitleNote);
    }

    [Fact]
    public void Gnuplot_is_not_found_on_an_empty_path()
    {
        Assert.Null(Gnuplot.Find(""));
        Assert.Null(Gnuplot.Find(Path.GetTempPath()));
    }
}

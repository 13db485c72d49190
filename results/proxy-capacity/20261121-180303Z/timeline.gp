# timeline.gp: open connections and failures by errno over time, one panel per run
# Written by ConnStorm from runs.csv. Restyle freely, then run `gnuplot timeline.gp` in this folder:
# it reads the CSV files next to it and draws timeline.png and timeline.svg.

set encoding utf8
set datafile separator ","
width = 1440
height = 1020

# Columns of timeline.csv: t_ms is column 1, open column 2; failures by errno from column 6.
c_t_ms = 1
c_open = 2

do for [format in 'png svg'] {
  if (format eq 'png') {
    set terminal pngcairo size width,height noenhanced font 'Sans,11' background '#ffffff'
    set output 'timeline.png'
  } else {
    set terminal svg size width,height noenhanced dynamic font 'Sans,11' background '#ffffff'
    set output 'timeline.svg'
  }
  set multiplot layout 3,3 title 'Open connections and failures over time, per run' . "\n" . 'proxy-capacity on Linux 6.18.44-fc-v657' . "\n"
  set grid
  set xlabel 't since first attempt (s)'
  set ylabel 'open connections'
  set yrange [0:*]
  set xrange [0:*]
  set format y '%.0f'
  set key above horizontal Left reverse font ',9' samplen 2 width 2

  set title '001-default-r100-t1-s64-b1-pk' . "\n" . 'default, 100 ports, 1 target'
  set y2label 'failures per 100 ms interval'
  set ytics nomirror
  set y2range [0:880]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/001-default-r100-t1-s64-b1-pk/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13)) axes x1y2 with impulses lw 2 lc rgb '#bcbd22' title 'EOF failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13) > 0 ? column(13) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#bcbd22' notitle

  set title '002-default-r100-t1-s64-b1-p4' . "\n" . 'default, 100 ports, 1 target'
  set y2label 'failures per 100 ms interval'
  set ytics nomirror
  set y2range [0:1075]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/002-default-r100-t1-s64-b1-p4/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13)) axes x1y2 with impulses lw 2 lc rgb '#bcbd22' title 'EOF failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13) > 0 ? column(13) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#bcbd22' notitle

  set title '003-default-r100-t1-s64-b4-pk' . "\n" . 'default, 100 ports, 1 target'
  set y2label 'failures per 100 ms interval'
  set ytics nomirror
  set y2range [0:1040]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/003-default-r100-t1-s64-b4-pk/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13)) axes x1y2 with impulses lw 2 lc rgb '#bcbd22' title 'EOF failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13) > 0 ? column(13) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#bcbd22' notitle

  set title '004-default-r100-t1-s64-b4-p4' . "\n" . 'default, 100 ports, 1 target'
  set y2label 'failures per 100 ms interval'
  set ytics nomirror
  set y2range [0:931.25]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/004-default-r100-t1-s64-b4-p4/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13)) axes x1y2 with impulses lw 2 lc rgb '#bcbd22' title 'EOF failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13) > 0 ? column(13) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#bcbd22' notitle

  set title '005-default-r200-t1-s64-b1-pk' . "\n" . 'default, 200 ports, 1 target'
  set y2label 'failures per 100 ms interval'
  set ytics nomirror
  set y2range [0:1048.75]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/005-default-r200-t1-s64-b1-pk/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13)) axes x1y2 with impulses lw 2 lc rgb '#bcbd22' title 'EOF failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13) > 0 ? column(13) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#bcbd22' notitle

  set title '006-default-r200-t1-s64-b1-p4' . "\n" . 'default, 200 ports, 1 target'
  set y2label 'failures per 100 ms interval'
  set ytics nomirror
  set y2range [0:618.75]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/006-default-r200-t1-s64-b1-p4/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13)) axes x1y2 with impulses lw 2 lc rgb '#bcbd22' title 'EOF failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13) > 0 ? column(13) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#bcbd22' notitle

  set title '007-default-r200-t1-s64-b4-pk' . "\n" . 'default, 200 ports, 1 target'
  set y2label 'failures per 100 ms interval'
  set ytics nomirror
  set y2range [0:1083.75]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/007-default-r200-t1-s64-b4-pk/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13)) axes x1y2 with impulses lw 2 lc rgb '#bcbd22' title 'EOF failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13) > 0 ? column(13) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#bcbd22' notitle

  set title '008-default-r200-t1-s64-b4-p4' . "\n" . 'default, 200 ports, 1 target'
  set y2label 'failures per 100 ms interval'
  set ytics nomirror
  set y2range [0:352.5]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/008-default-r200-t1-s64-b4-p4/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13)) axes x1y2 with impulses lw 2 lc rgb '#bcbd22' title 'EOF failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(13) > 0 ? column(13) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#bcbd22' notitle
  unset multiplot
  unset output
}

# timeline.gp: open connections and failures by errno over time, one panel per run
# Written by ConnStorm from runs.csv. Restyle freely, then run `gnuplot timeline.gp` in this folder:
# it reads the CSV files next to it and draws timeline.png and timeline.svg.

set encoding utf8
set datafile separator ","
width = 1920
height = 1360

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
  set multiplot layout 4,4 title 'Open connections and failures over time, per run (16 of 43 runs shown: the first 15 and the largest)' . "\n" . 'scenario myth-65535 · kernel 6.18.44-fc-v657' . "\n"
  set grid
  set xlabel 't since first attempt (s)'
  set ylabel 'open connections'
  set yrange [0:*]
  set xrange [0:*]
  set format y '%.0f'
  set key above horizontal Left reverse font ',9' samplen 2 width 2

  set title '001-connect-r1000-t1-s1' . "\n" . 'connect, 1000 ports, 1 target'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:62.5]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/001-connect-r1000-t1-s1/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(6)) axes x1y2 with impulses lw 2 lc rgb '#d62728' title 'EADDRNOTAVAIL failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(6) > 0 ? column(6) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#d62728' notitle

  set title '002-connect-r1000-t3-s1' . "\n" . 'connect, 1000 ports, 3 targets'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:187.5]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/002-connect-r1000-t3-s1/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(6)) axes x1y2 with impulses lw 2 lc rgb '#d62728' title 'EADDRNOTAVAIL failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(6) > 0 ? column(6) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#d62728' notitle

  set title '003-connect-r4000-t1-s1' . "\n" . 'connect, 4000 ports, 1 target'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:108.75]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/003-connect-r4000-t1-s1/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(6)) axes x1y2 with impulses lw 2 lc rgb '#d62728' title 'EADDRNOTAVAIL failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(6) > 0 ? column(6) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#d62728' notitle

  set title '004-connect-r4000-t3-s1' . "\n" . 'connect, 4000 ports, 3 targets'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:106.25]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/004-connect-r4000-t3-s1/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(6)) axes x1y2 with impulses lw 2 lc rgb '#d62728' title 'EADDRNOTAVAIL failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(6) > 0 ? column(6) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#d62728' notitle

  set title '005-connect-r10000-t1-s1' . "\n" . 'connect, 10000 ports, 1 target'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:42.5]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/005-connect-r10000-t1-s1/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(6)) axes x1y2 with impulses lw 2 lc rgb '#d62728' title 'EADDRNOTAVAIL failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(6) > 0 ? column(6) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#d62728' notitle

  set title '006-connect-r10000-t3-s1' . "\n" . 'connect, 10000 ports, 3 targets'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:163.75]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/006-connect-r10000-t3-s1/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(6)) axes x1y2 with impulses lw 2 lc rgb '#d62728' title 'EADDRNOTAVAIL failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(6) > 0 ? column(6) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#d62728' notitle

  set title '007-bind-r1000-t1-s1' . "\n" . 'bind, 1000 ports, 1 target'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:62.5]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/007-bind-r1000-t1-s1/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7)) axes x1y2 with impulses lw 2 lc rgb '#ff7f0e' title 'EADDRINUSE failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7) > 0 ? column(7) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#ff7f0e' notitle

  set title '008-bind-r1000-t1-s2' . "\n" . 'bind, 1000 ports, 1 target'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:105]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/008-bind-r1000-t1-s2/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7)) axes x1y2 with impulses lw 2 lc rgb '#ff7f0e' title 'EADDRINUSE failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7) > 0 ? column(7) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#ff7f0e' notitle

  set title '009-bind-r1000-t3-s1' . "\n" . 'bind, 1000 ports, 3 targets'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:40]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/009-bind-r1000-t3-s1/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7)) axes x1y2 with impulses lw 2 lc rgb '#ff7f0e' title 'EADDRINUSE failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7) > 0 ? column(7) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#ff7f0e' notitle

  set title '010-bind-r1000-t3-s2' . "\n" . 'bind, 1000 ports, 3 targets'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:62.5]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/010-bind-r1000-t3-s2/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7)) axes x1y2 with impulses lw 2 lc rgb '#ff7f0e' title 'EADDRINUSE failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7) > 0 ? column(7) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#ff7f0e' notitle

  set title '011-bind-r4000-t1-s1' . "\n" . 'bind, 4000 ports, 1 target'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:28.75]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/011-bind-r4000-t1-s1/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7)) axes x1y2 with impulses lw 2 lc rgb '#ff7f0e' title 'EADDRINUSE failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7) > 0 ? column(7) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#ff7f0e' notitle

  set title '012-bind-r4000-t1-s2' . "\n" . 'bind, 4000 ports, 1 target'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:92.5]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/012-bind-r4000-t1-s2/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7)) axes x1y2 with impulses lw 2 lc rgb '#ff7f0e' title 'EADDRINUSE failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7) > 0 ? column(7) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#ff7f0e' notitle

  set title '013-bind-r4000-t3-s1' . "\n" . 'bind, 4000 ports, 3 targets'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:30]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/013-bind-r4000-t3-s1/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7)) axes x1y2 with impulses lw 2 lc rgb '#ff7f0e' title 'EADDRINUSE failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7) > 0 ? column(7) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#ff7f0e' notitle

  set title '014-bind-r4000-t3-s2' . "\n" . 'bind, 4000 ports, 3 targets'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:72.5]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/014-bind-r4000-t3-s2/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7)) axes x1y2 with impulses lw 2 lc rgb '#ff7f0e' title 'EADDRINUSE failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7) > 0 ? column(7) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#ff7f0e' notitle

  set title '015-bind-r10000-t1-s1' . "\n" . 'bind, 10000 ports, 1 target'
  set y2label 'failures per 20 ms interval'
  set ytics nomirror
  set y2range [0:38.75]
  set y2tics
  set format y2 '%.0f'
  plot \
    'runs/015-bind-r10000-t1-s1/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7)) axes x1y2 with impulses lw 2 lc rgb '#ff7f0e' title 'EADDRINUSE failures', \
    '' every ::1 using (column(c_t_ms)/1000.0):(column(7) > 0 ? column(7) : NaN) axes x1y2 with points pt 7 ps 0.6 lc rgb '#ff7f0e' notitle

  set title '043-connect-r64512-t6-s1' . "\n" . 'connect, 64512 ports, 6 targets'
  unset y2label
  unset y2tics
  set ytics mirror
  plot \
    'runs/043-connect-r64512-t6-s1/timeline.csv' every ::1 using (column(c_t_ms)/1000.0):(column(c_open)) with linespoints lw 2 pt 7 ps 0.4 lc rgb '#1f77b4' title 'open connections', \
    NaN with lines lc rgb '#ffffff' title '(no failures)'
  unset multiplot
  unset output
}

# port-range.gp: connections held at once vs ip_local_port_range size
# Written by ConnStorm from runs.csv. Restyle freely, then run `gnuplot port-range.gp` in this folder:
# it reads the CSV files next to it and draws port-range.png and port-range.svg.

set encoding utf8
set datafile separator ","
width = 1600
height = 900

# Columns of runs.csv, numbered as gnuplot counts them.
c_variant = 2
c_targets = 6
c_source_ips = 7
c_port_range_size = 5
c_attempted = 8
c_max_established = 9
c_predicted_limit = 27

# True when the current runs.csv row belongs to the series (variant, targets, source IPs).
in_series(variant, targets, source_ips) = strcol(c_variant) eq variant && column(c_targets) == targets && column(c_source_ips) == source_ips

# Each series' rows of runs.csv, picked out once (rows of a series need not be adjacent,
# and a line through filtered-out rows would break). Columns: size, held, predicted limit.
set table $series0 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('default', 1, 64))
unset table

do for [format in 'png svg'] {
  if (format eq 'png') {
    set terminal pngcairo size width,height noenhanced font 'Sans,11' background '#ffffff'
    set output 'port-range.png'
  } else {
    set terminal svg size width,height noenhanced dynamic font 'Sans,11' background '#ffffff'
    set output 'port-range.svg'
  }
  set title 'Connections held at once vs local port range size' . "\n" . 'proxy-capacity on Linux 6.18.44-fc-v657'
  set xlabel 'ip_local_port_range size (ports)'
  set ylabel 'connections held at once (max_established)'
  set format x '%.0f'
  set format y '%.0f'
  set logscale xy
  set grid xtics ytics mxtics mytics
  set key outside right top box opaque
  set xrange [62.5:320]
  set yrange [62.5:5760]
  set label 1 'the 65535 reference line is off the scale (every value is below 6553)' at graph 0.99, graph 0.03 right tc rgb '#555555' front
  plot \
    $series0 using 1:2 smooth unique with linespoints lw 4 dt 1 pt 7 ps 2.4 lc rgb '#1f77b4' title 'default, 1 target, 64 source IPs', \
    $series0 using 1:2 with points pt 7 ps 0.6 lc rgb '#1f77b4' notitle, \
    NaN with points pt 7 ps 0.6 lc rgb '#555555' title 'single run (lines join the mean of repeats)'
  unset output
}

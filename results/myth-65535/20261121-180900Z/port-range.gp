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
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('connect', 1, 1))
unset table
set table $rule0 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('connect', 1, 1) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series1 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('connect', 3, 1))
unset table
set table $rule1 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('connect', 3, 1) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series2 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('bind', 1, 1))
unset table
set table $rule2 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('bind', 1, 1) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series3 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('bind', 1, 2))
unset table
set table $rule3 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('bind', 1, 2) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series4 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('bind', 3, 1))
unset table
set table $rule4 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('bind', 3, 1) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series5 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('bind', 3, 2))
unset table
set table $rule5 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('bind', 3, 2) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series6 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('bind-no-port', 1, 1))
unset table
set table $rule6 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('bind-no-port', 1, 1) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series7 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('bind-no-port', 1, 2))
unset table
set table $rule7 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('bind-no-port', 1, 2) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series8 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('bind-no-port', 3, 1))
unset table
set table $rule8 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('bind-no-port', 3, 1) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series9 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('bind-no-port', 3, 2))
unset table
set table $rule9 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('bind-no-port', 3, 2) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series10 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('bind-reuseaddr', 1, 1))
unset table
set table $rule10 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('bind-reuseaddr', 1, 1) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series11 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('bind-reuseaddr', 1, 2))
unset table
set table $rule11 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('bind-reuseaddr', 1, 2) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series12 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('bind-reuseaddr', 3, 1))
unset table
set table $rule12 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('bind-reuseaddr', 3, 1) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series13 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('bind-reuseaddr', 3, 2))
unset table
set table $rule13 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_predicted_limit)) with table if (in_series('bind-reuseaddr', 3, 2) && column(c_attempted) > column(c_predicted_limit))
unset table
set table $series14 separator comma
plot 'runs.csv' every ::1 using (column(c_port_range_size)):(column(c_max_established)) with table if (in_series('connect', 6, 1))
unset table

do for [format in 'png svg'] {
  if (format eq 'png') {
    set terminal pngcairo size width,height noenhanced font 'Sans,11' background '#ffffff'
    set output 'port-range.png'
  } else {
    set terminal svg size width,height noenhanced dynamic font 'Sans,11' background '#ffffff'
    set output 'port-range.svg'
  }
  set title 'Connections held at once vs local port range size' . "\n" . 'scenario myth-65535 · kernel 6.18.44-fc-v657'
  set xlabel 'ip_local_port_range size (ports)'
  set ylabel 'connections held at once (max_established)'
  set format x '%.0f'
  set format y '%.0f'
  set logscale xy
  set grid xtics ytics mxtics mytics
  set key outside right top box opaque
  set xrange [625:103219.2]
  set yrange [625:288000]
  set arrow 1 from graph 0, first 65535 to graph 1, first 65535 nohead dt 2 lw 1.5 lc rgb '#555555' front
  set label 1 '65535' at graph 0.99, first 65535 right offset 0,0.7 tc rgb '#555555' front
  set label 2 'run 43: 160,000 held at once from 1 source IP' at first 64512, first 160000 right offset -1.5,0 front
  set object 1 circle at first 64512, first 160000 size screen 0.008 fc rgb '#555555' fs solid front
  plot \
    $series0 using 1:2 smooth unique with linespoints lw 4 dt 1 pt 7 ps 2.4 lc rgb '#1f77b4' title 'connect, 1 target, 1 source IP', \
    $series1 using 1:2 smooth unique with linespoints lw 3.2 dt 2 pt 5 ps 1.85 lc rgb '#d62728' title 'connect, 3 targets, 1 source IP', \
    $series2 using 1:2 smooth unique with linespoints lw 2.4 dt 3 pt 9 ps 1.3 lc rgb '#2ca02c' title 'bind, 1 target, 1 source IP', \
    $series3 using 1:2 smooth unique with linespoints lw 1.6 dt 4 pt 13 ps 0.8 lc rgb '#9467bd' title 'bind, 1 target, 2 source IPs', \
    $series4 using 1:2 smooth unique with linespoints lw 1.5 dt 1 pt 11 ps 0.8 lc rgb '#ff7f0e' title 'bind, 3 targets, 1 source IP', \
    $series5 using 1:2 smooth unique with linespoints lw 1.5 dt 2 pt 15 ps 0.8 lc rgb '#8c564b' title 'bind, 3 targets, 2 source IPs', \
    $series6 using 1:2 smooth unique with linespoints lw 1.5 dt 3 pt 7 ps 0.8 lc rgb '#e377c2' title 'bind-no-port, 1 target, 1 source IP', \
    $series7 using 1:2 smooth unique with linespoints lw 1.5 dt 4 pt 5 ps 0.8 lc rgb '#17becf' title 'bind-no-port, 1 target, 2 source IPs', \
    $series8 using 1:2 smooth unique with linespoints lw 1.5 dt 1 pt 9 ps 0.8 lc rgb '#7f7f7f' title 'bind-no-port, 3 targets, 1 source IP', \
    $series9 using 1:2 smooth unique with linespoints lw 1.5 dt 2 pt 13 ps 0.8 lc rgb '#bcbd22' title 'bind-no-port, 3 targets, 2 source IPs', \
    $series10 using 1:2 smooth unique with linespoints lw 1.5 dt 3 pt 11 ps 0.8 lc rgb '#1f77b4' title 'bind-reuseaddr, 1 target, 1 source IP', \
    $series11 using 1:2 smooth unique with linespoints lw 1.5 dt 4 pt 15 ps 0.8 lc rgb '#d62728' title 'bind-reuseaddr, 1 target, 2 source IPs', \
    $series12 using 1:2 smooth unique with linespoints lw 1.5 dt 1 pt 7 ps 0.8 lc rgb '#2ca02c' title 'bind-reuseaddr, 3 targets, 1 source IP', \
    $series13 using 1:2 smooth unique with linespoints lw 1.5 dt 2 pt 5 ps 0.8 lc rgb '#9467bd' title 'bind-reuseaddr, 3 targets, 2 source IPs', \
    $series14 using 1:2 smooth unique with linespoints lw 1.5 dt 3 pt 9 ps 0.8 lc rgb '#ff7f0e' title 'connect, 6 targets, 1 source IP', \
    $rule0 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#1f77b4' notitle, \
    $rule1 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#d62728' notitle, \
    $rule2 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#2ca02c' notitle, \
    $rule3 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#9467bd' notitle, \
    $rule4 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#ff7f0e' notitle, \
    $rule5 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#8c564b' notitle, \
    $rule6 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#e377c2' notitle, \
    $rule7 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#17becf' notitle, \
    $rule8 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#7f7f7f' notitle, \
    $rule9 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#bcbd22' notitle, \
    $rule10 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#1f77b4' notitle, \
    $rule11 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#d62728' notitle, \
    $rule12 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#2ca02c' notitle, \
    $rule13 using 1:2 with points pt 6 ps 3 lw 1 lc rgb '#9467bd' notitle, \
    NaN with points pt 6 ps 3 lw 1 lc rgb '#555555' title 'rule: limit predicted by the port rules (ring)'
  unset output
}

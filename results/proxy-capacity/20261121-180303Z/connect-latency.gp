# connect-latency.gp: connect latency against how full the port space is, even and odd source ports
# Written by ConnStorm from runs.csv. Restyle freely, then run `gnuplot connect-latency.gp` in this folder:
# it reads the CSV files next to it and draws connect-latency.png and connect-latency.svg.

set encoding utf8
set datafile separator ","
width = 1440
height = 1020

ylabel_text = 'time inside bind() + connect() (µs, log)'
# The port is what follows the last ':' of the source column ("10.0.0.1:40001", "[fd00::1]:40001").
last_colon(s, i) = strstrt(s[i+1:], ':') > 0 ? last_colon(s, i + strstrt(s[i+1:], ':')) : i
port(s) = int(s[last_colon(s, 0)+1:])
# Log axis: a connect faster than the 1 µs resolution (0) is drawn at 1 µs.
at_least_1(x) = x < 1 ? 1 : x
# The SVG holds every point as an element: it keeps 1 in svg_thin of the points the PNG shows, to stay a few MB.
svg_thin = 5

do for [format in 'png svg'] {
  if (format eq 'png') {
    set terminal pngcairo size width,height noenhanced font 'Sans,11' background '#ffffff'
    set output 'connect-latency.png'
  } else {
    set terminal svg size width,height noenhanced dynamic font 'Sans,11' background '#ffffff'
    set output 'connect-latency.svg'
  }
  set multiplot layout 3,3 title 'Time the kernel spends choosing a port (inside bind() + connect()) vs how full the port space is, per run' . "\n" . 'proxy-capacity on Linux 6.18.44-fc-v657'
  set grid
  set logscale y
  set format y '%.0f'
  set xrange [0:*]
  set xlabel 'connections made, % of the rule''s limit'
  set ylabel ylabel_text
  set key top left opaque font ',9' samplen 1
  thin = format eq 'svg' ? svg_thin : 1

  set title '001-default-r100-t1-s64-b1-pk' . "\n" . 'default, 100 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/001-default-r100-t1-s64-b1-pk/connections.csv' every n::1 using ($0 * n * 100.0 / 6400):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 6400):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '002-default-r100-t1-s64-b1-p4' . "\n" . 'default, 100 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/002-default-r100-t1-s64-b1-p4/connections.csv' every n::1 using ($0 * n * 100.0 / 6400):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 6400):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '003-default-r100-t1-s64-b4-pk' . "\n" . 'default, 100 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/003-default-r100-t1-s64-b4-pk/connections.csv' every n::1 using ($0 * n * 100.0 / 6400):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 6400):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '004-default-r100-t1-s64-b4-p4' . "\n" . 'default, 100 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/004-default-r100-t1-s64-b4-p4/connections.csv' every n::1 using ($0 * n * 100.0 / 6400):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 6400):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '005-default-r200-t1-s64-b1-pk' . "\n" . 'default, 200 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/005-default-r200-t1-s64-b1-pk/connections.csv' every n::1 using ($0 * n * 100.0 / 12800):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 12800):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '006-default-r200-t1-s64-b1-p4' . "\n" . 'default, 200 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/006-default-r200-t1-s64-b1-p4/connections.csv' every n::1 using ($0 * n * 100.0 / 12800):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 12800):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '007-default-r200-t1-s64-b4-pk' . "\n" . 'default, 200 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/007-default-r200-t1-s64-b4-pk/connections.csv' every n::1 using ($0 * n * 100.0 / 12800):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 12800):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '008-default-r200-t1-s64-b4-p4' . "\n" . 'default, 200 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/008-default-r200-t1-s64-b4-p4/connections.csv' every n::1 using ($0 * n * 100.0 / 12800):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 12800):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'
  unset multiplot
  unset output
}

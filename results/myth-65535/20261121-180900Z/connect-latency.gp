# connect-latency.gp: connect latency against how full the port space is, even and odd source ports
# Written by ConnStorm from runs.csv. Restyle freely, then run `gnuplot connect-latency.gp` in this folder:
# it reads the CSV files next to it and draws connect-latency.png and connect-latency.svg.

set encoding utf8
set datafile separator ","
width = 1920
height = 1360

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
  set multiplot layout 4,4 title 'Time the kernel spends choosing a port (inside bind() + connect()) vs how full the port space is, per run (16 of 43 runs shown: the first 15 and the largest)' . "\n" . 'scenario myth-65535 · kernel 6.18.44-fc-v657'
  set grid
  set logscale y
  set format y '%.0f'
  set xrange [0:*]
  set xlabel 'connections made, % of the rule''s limit'
  set ylabel ylabel_text
  set key top left opaque font ',9' samplen 1
  thin = format eq 'svg' ? svg_thin : 1

  set title '001-connect-r1000-t1-s1' . "\n" . 'connect, 1000 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/001-connect-r1000-t1-s1/connections.csv' every n::1 using ($0 * n * 100.0 / 1000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 1000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '002-connect-r1000-t3-s1' . "\n" . 'connect, 1000 ports, 3 targets'
  n = 1 * thin
  plot \
    'runs/002-connect-r1000-t3-s1/connections.csv' every n::1 using ($0 * n * 100.0 / 3000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 3000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '003-connect-r4000-t1-s1' . "\n" . 'connect, 4000 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/003-connect-r4000-t1-s1/connections.csv' every n::1 using ($0 * n * 100.0 / 4000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 4000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '004-connect-r4000-t3-s1' . "\n" . 'connect, 4000 ports, 3 targets'
  n = 1 * thin
  plot \
    'runs/004-connect-r4000-t3-s1/connections.csv' every n::1 using ($0 * n * 100.0 / 12000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 12000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '005-connect-r10000-t1-s1' . "\n" . 'connect, 10000 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/005-connect-r10000-t1-s1/connections.csv' every n::1 using ($0 * n * 100.0 / 10000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 10000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '006-connect-r10000-t3-s1' . "\n" . 'connect, 10000 ports, 3 targets, 1 in 2 of 30000 rows'
  n = 2 * thin
  plot \
    'runs/006-connect-r10000-t3-s1/connections.csv' every n::1 using ($0 * n * 100.0 / 30000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 30000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '007-bind-r1000-t1-s1' . "\n" . 'bind, 1000 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/007-bind-r1000-t1-s1/connections.csv' every n::1 using ($0 * n * 100.0 / 1000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 1000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '008-bind-r1000-t1-s2' . "\n" . 'bind, 1000 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/008-bind-r1000-t1-s2/connections.csv' every n::1 using ($0 * n * 100.0 / 2000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 2000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '009-bind-r1000-t3-s1' . "\n" . 'bind, 1000 ports, 3 targets'
  n = 1 * thin
  plot \
    'runs/009-bind-r1000-t3-s1/connections.csv' every n::1 using ($0 * n * 100.0 / 1000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 1000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '010-bind-r1000-t3-s2' . "\n" . 'bind, 1000 ports, 3 targets'
  n = 1 * thin
  plot \
    'runs/010-bind-r1000-t3-s2/connections.csv' every n::1 using ($0 * n * 100.0 / 2000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 2000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '011-bind-r4000-t1-s1' . "\n" . 'bind, 4000 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/011-bind-r4000-t1-s1/connections.csv' every n::1 using ($0 * n * 100.0 / 4000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 4000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '012-bind-r4000-t1-s2' . "\n" . 'bind, 4000 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/012-bind-r4000-t1-s2/connections.csv' every n::1 using ($0 * n * 100.0 / 8000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 8000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '013-bind-r4000-t3-s1' . "\n" . 'bind, 4000 ports, 3 targets'
  n = 1 * thin
  plot \
    'runs/013-bind-r4000-t3-s1/connections.csv' every n::1 using ($0 * n * 100.0 / 4000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 4000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '014-bind-r4000-t3-s2' . "\n" . 'bind, 4000 ports, 3 targets'
  n = 1 * thin
  plot \
    'runs/014-bind-r4000-t3-s2/connections.csv' every n::1 using ($0 * n * 100.0 / 8000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 8000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '015-bind-r10000-t1-s1' . "\n" . 'bind, 10000 ports, 1 target'
  n = 1 * thin
  plot \
    'runs/015-bind-r10000-t1-s1/connections.csv' every n::1 using ($0 * n * 100.0 / 10000):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 10000):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'

  set title '043-connect-r64512-t6-s1' . "\n" . 'connect, 64512 ports, 6 targets, 1 in 8 of 160000 rows'
  n = 8 * thin
  plot \
    'runs/043-connect-r64512-t6-s1/connections.csv' every n::1 using ($0 * n * 100.0 / 387072):(port(strcol(3)) % 2 == 0 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#1f77b4' title 'even source port', \
    '' every n::1 using ($0 * n * 100.0 / 387072):(port(strcol(3)) % 2 == 1 ? at_least_1(column(6)) : NaN) with points pt 7 ps 0.35 lc rgb '#ff7f0e' title 'odd source port'
  unset multiplot
  unset output
}

# port-sequence-compare.gp: local port per call for each port-sequence case, several folders overlaid
# Written by ConnStorm from port-sequence-compare.csv. Restyle freely, then run `gnuplot port-sequence-compare.gp` in this folder:
# it reads the CSV files next to it and draws port-sequence-compare.png and port-sequence-compare.svg.

set encoding utf8
set datafile separator ","
width = 1440
height = 900

# port-sequence-compare.csv holds one block per case and folder; `index N` picks block N (see the '# block' comments).

do for [format in 'png svg'] {
  if (format eq 'png') {
    set terminal pngcairo size width,height noenhanced font 'Sans,11' background '#ffffff'
    set output 'port-sequence-compare.png'
  } else {
    set terminal svg size width,height noenhanced dynamic font 'Sans,11' background '#ffffff'
    set output 'port-sequence-compare.svg'
  }
  set multiplot layout 2,3 title 'Local port chosen per call, per port-sequence case' . "\n" . 'kernels 6.1.0-56-cloud-amd64 (vm) vs 6.12.117+deb12-cloud-amd64 (vm) vs 6.18.44-fc-v657 (vm)' . "\n"
  set grid
  set xlabel 'call number'
  set ylabel 'local port'
  set format y '%.0f'
  set autoscale yfix
  set offsets 0, 0, graph 0.06, graph 0.06
  set key above horizontal Left reverse font ',9' samplen 1 width 2

  set title 'connect-to-a' . "\n" . 'call connect(127.0.0.1:20451) on an unbound socket, ip_loca…'
  set xrange [0:301]
  plot \
    'port-sequence-compare.csv' index 0 using 1:2 with points pt 7 ps 0.9 lc rgb '#1f77b4' title '(1) 6.1.0-56-cloud-amd64 (vm)', \
    'port-sequence-compare.csv' index 1 using 1:2 with points pt 5 ps 0.6 lc rgb '#d62728' title '(2) 6.12.117+deb12-cloud-amd64 (vm)', \
    'port-sequence-compare.csv' index 2 using 1:2 with points pt 9 ps 0.35 lc rgb '#2ca02c' title '(3) 6.18.44-fc-v657 (host)'

  set title 'connect-to-b' . "\n" . 'call connect(127.0.0.1:20473) on an unbound socket, ip_loca…'
  set xrange [0:301]
  plot \
    'port-sequence-compare.csv' index 3 using 1:2 with points pt 7 ps 0.9 lc rgb '#1f77b4' title '(1) 6.1.0-56-cloud-amd64 (vm)', \
    'port-sequence-compare.csv' index 4 using 1:2 with points pt 5 ps 0.6 lc rgb '#d62728' title '(2) 6.12.117+deb12-cloud-amd64 (vm)', \
    'port-sequence-compare.csv' index 5 using 1:2 with points pt 9 ps 0.35 lc rgb '#2ca02c' title '(3) 6.18.44-fc-v657 (host)'

  set title 'bind-any-port' . "\n" . 'call bind(127.0.0.1, 0), no connect, ip_local_port_range 40…'
  set xrange [0:301]
  plot \
    'port-sequence-compare.csv' index 6 using 1:2 with points pt 7 ps 0.9 lc rgb '#1f77b4' title '(1) 6.1.0-56-cloud-amd64 (vm)', \
    'port-sequence-compare.csv' index 7 using 1:2 with points pt 5 ps 0.6 lc rgb '#d62728' title '(2) 6.12.117+deb12-cloud-amd64 (vm)', \
    'port-sequence-compare.csv' index 8 using 1:2 with points pt 9 ps 0.35 lc rgb '#2ca02c' title '(3) 6.18.44-fc-v657 (host)'

  set title 'connect-to-a-with-local-port-range' . "\n" . 'call connect(127.0.0.1:20451) on an unbound socket, ip_loca…'
  set xrange [0:301]
  plot \
    'port-sequence-compare.csv' index 9 using 1:2 with points pt 7 ps 0.9 lc rgb '#1f77b4' title '(1) 6.1.0-56-cloud-amd64 (vm)', \
    'port-sequence-compare.csv' index 10 using 1:2 with points pt 5 ps 0.6 lc rgb '#d62728' title '(2) 6.12.117+deb12-cloud-amd64 (vm)', \
    'port-sequence-compare.csv' index 11 using 1:2 with points pt 9 ps 0.35 lc rgb '#2ca02c' title '(3) 6.18.44-fc-v657 (host)'

  set title 'connect-to-a-odd-start' . "\n" . 'call connect(127.0.0.1:20451) on an unbound socket, ip_loca…'
  set xrange [0:301]
  plot \
    'port-sequence-compare.csv' index 12 using 1:2 with points pt 7 ps 0.9 lc rgb '#1f77b4' title '(1) 6.1.0-56-cloud-amd64 (vm)', \
    'port-sequence-compare.csv' index 13 using 1:2 with points pt 5 ps 0.6 lc rgb '#d62728' title '(2) 6.12.117+deb12-cloud-amd64 (vm)', \
    'port-sequence-compare.csv' index 14 using 1:2 with points pt 9 ps 0.35 lc rgb '#2ca02c' title '(3) 6.18.44-fc-v657 (host)'
  unset multiplot
  unset output
}

# proxy-capacity.gp: echoed connections carried through HAProxy against port range and backends, one line per proxy source
# Written by ConnStorm from runs.csv. Restyle freely, then run `gnuplot proxy-capacity.gp` in this folder:
# it reads the CSV files next to it and draws proxy-capacity.png and proxy-capacity.svg.

set encoding utf8
set datafile separator ","
width = 1400
height = 850

# The runs, one data block per proxy_source: x slot, max_established, rule (range x backends x sources).
$source0 << EOD
0,100,100
1,400,400
2,200,200
3,800,800
EOD
$source1 << EOD
0,400,400
1,1600,1600
2,800,800
3,3200,3200
EOD

do for [format in 'png svg'] {
  if (format eq 'png') {
    set terminal pngcairo size width,height noenhanced font 'Sans,11' background '#ffffff'
    set output 'proxy-capacity.png'
  } else {
    set terminal svg size width,height noenhanced dynamic font 'Sans,11' background '#ffffff'
    set output 'proxy-capacity.svg'
  }
  set title 'Proxy capacity: echoed connections carried through HAProxy' . "\n" . 'proxy-capacity on Linux 6.18.44-fc-v657'
  set xlabel 'lab port range (ip_local_port_range) and backends behind the proxy'
  set ylabel 'connections carried end to end (max_established)'
  set grid ytics
  set format y '%.0f'
  set key top left box opaque
  set xrange [-0.5:3.5]
  set yrange [0:3840]
  set xtics ('100 ports, 1 backend' 0, '100 ports, 4 backends' 1, '200 ports, 1 backend' 2, '200 ports, 4 backends' 3)
  set bmargin 5
  plot \
    $source0 using 1:2 with linespoints lw 3 pt 7 ps 1.8 lc rgb '#1f77b4' title 'proxy source: none (the kernel picks 127.0.0.1)', \
    $source0 using 1:2:(sprintf('%d', $2)) with labels offset 0,1.2 tc rgb '#1f77b4' notitle, \
    $source1 using 1:2 with linespoints lw 3 pt 5 ps 1.8 lc rgb '#d62728' title 'proxy source: 127.0.0.2-127.0.0.5', \
    $source1 using 1:2:(sprintf('%d', $2)) with labels offset 0,1.2 tc rgb '#d62728' notitle, \
    $source0 using 1:3 with points pt 6 ps 3.2 lw 1.5 lc rgb '#1f77b4' notitle, \
    $source1 using 1:3 with points pt 6 ps 3.2 lw 1.5 lc rgb '#d62728' notitle, \
    NaN with points pt 6 ps 3.2 lw 1.5 lc rgb '#555555' title 'rule: ports x backends x source addresses (ring)'
  unset output
}

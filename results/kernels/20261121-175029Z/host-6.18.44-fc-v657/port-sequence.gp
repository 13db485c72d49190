# port-sequence.gp: the local port each successive call got, one colour per port-sequence case
# Written by ConnStorm from probes.json. Restyle freely, then run `gnuplot port-sequence.gp` in this folder:
# it reads port-sequence.csv next to it and draws port-sequence.png and port-sequence.svg.

set encoding utf8
set datafile separator ","
width = 1600
height = 900

# True when the current row of the CSV belongs to the case.
in_case(name) = strcol(1) eq name

do for [format in 'png svg'] {
  if (format eq 'png') {
    set terminal pngcairo size width,height noenhanced font 'Sans,11' background '#ffffff'
    set output 'port-sequence.png'
  } else {
    set terminal svg size width,height noenhanced dynamic font 'Sans,11' background '#ffffff'
    set output 'port-sequence.svg'
  }
  set multiplot layout 2,3 title 'Ephemeral port chosen by each successive call' . "\n" . 'Linux 6.18.44-fc-v657: every socket of a case stays open, so each call needs a new port'
  set xlabel 'call number within the case'
  set ylabel 'local port (port number)'
  set format y '%.0f'
  set xrange [0:301]
  set yrange [39951:41048]
  set grid xtics ytics
  unset key
  set title 'connect-to-a (range 40000-40999)' tc rgb '#1f77b4'
  plot 'port-sequence.csv' every ::1 using 2:(in_case('connect-to-a') ? $3 : NaN) with points pt 7 ps 0.6 lc rgb '#1f77b4' notitle
  set title 'connect-to-b (range 40000-40999)' tc rgb '#d62728'
  plot 'port-sequence.csv' every ::1 using 2:(in_case('connect-to-b') ? $3 : NaN) with points pt 5 ps 0.6 lc rgb '#d62728' notitle
  set title 'bind-any-port (range 40000-40999)' tc rgb '#2ca02c'
  plot 'port-sequence.csv' every ::1 using 2:(in_case('bind-any-port') ? $3 : NaN) with points pt 9 ps 0.6 lc rgb '#2ca02c' notitle
  set title 'connect-to-a-with-local-port-range (range 40000-40999, option 40400-40799)' tc rgb '#9467bd'
  plot 'port-sequence.csv' every ::1 using 2:(in_case('connect-to-a-with-local-port-range') ? $3 : NaN) with points pt 13 ps 0.6 lc rgb '#9467bd' notitle
  set title 'connect-to-a-odd-start (range 40001-41000)' tc rgb '#ff7f0e'
  plot 'port-sequence.csv' every ::1 using 2:(in_case('connect-to-a-odd-start') ? $3 : NaN) with points pt 11 ps 0.6 lc rgb '#ff7f0e' notitle
  unset multiplot
  unset output
}

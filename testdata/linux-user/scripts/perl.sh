# default-shells: dash
# perl: system, backticks, open with a pipe, fork and wait.
perl -e '
  system("echo from system");
  print "system status: ", $? >> 8, "\n";
  system("sh", "-c", "exit 5");
  print "exit 5: ", $? >> 8, "\n";
  my $x = `echo backticks; echo two`;
  print "got: $x";
  my @lines = `seq 3`;
  print "lines: ", scalar(@lines), "\n";
  open(my $fh, "-|", "sort", "-r", "/dev/null") or die; close($fh);
  open(my $p, "|-", "tr a-z A-Z") or die; print $p "piped to tr\n"; close($p);
  my $pid = fork();
  if ($pid == 0) { exit 4 }
  waitpid($pid, 0);
  print "child: ", $? >> 8, "\n";
'
echo "perl: $?"

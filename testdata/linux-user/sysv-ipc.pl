# SysV IPC through perl's own shmget/shmread/shmwrite (shmat and shmdt each time), msgsnd/msgrcv,
# semop/semctl, with numeric constants (no modules: perl under qemu-user cannot find them);
# test/linux-user/sysv-ipc.test.ts runs it under tciemu and qemu-user on every guest.
$| = 1;
my $id = shmget(0, 8192, 01600) // die "shmget: $!";
shmwrite($id, "hello perl", 0, 10) or die "shmwrite: $!";
my $pid = fork;
if (!$pid) { shmwrite($id, "child", 20, 5) or die; exit 0 }
waitpid $pid, 0;
my ($a, $b);
shmread($id, $a, 0, 10) or die; shmread($id, $b, 20, 5) or die;
print "shm: $a $b\n";
print "shmread past the end: ", (shmread($id, $a, 8190, 4) ? "ok" : "failed " . ($! + 0)), "\n";
shmctl($id, 0, 0) or die "rmid: $!";
print "after IPC_RMID: ", (shmread($id, $a, 0, 1) ? "ok" : "failed " . ($! + 0)), "\n";
my $q = msgget(0, 01600) // die "msgget: $!";
msgsnd($q, pack("l! a*", 3, "three"), 0) or die "msgsnd: $!";
msgsnd($q, pack("l! a*", 1, "one"), 0) or die;
msgsnd($q, pack("l! a*", 2, "two"), 0) or die;
my $buf;
for my $t (-2, 3, 0) { msgrcv($q, $buf, 100, $t, 0) or die "msgrcv: $!"; my ($type, $text) = unpack("l! a*", $buf); print "msgrcv $t: $type $text\n" }
print "empty: ", (msgrcv($q, $buf, 100, 0, 04000) ? "got" : "failed " . ($! + 0)), "\n";
$pid = fork;
if (!$pid) { msgrcv($q, $buf, 100, 7, 0) or die; print "child msgrcv: ", (unpack("l! a*", $buf))[1], "\n"; exit 0 }
select undef, undef, undef, 0.05;
msgsnd($q, pack("l! a*", 7, "seven"), 0) or die;
waitpid $pid, 0;
msgctl($q, 0, 0) or die;
my $s = semget(0, 2, 01600) // die "semget: $!";
semctl($s, 1, 16, 5) // die "setval: $!";
print "getval ", semctl($s, 1, 12, 0), "\n";
semop($s, pack("s!3" x 2, 1, -2, 0, 0, 1, 0)) or die "semop: $!";
print "vals ", semctl($s, 0, 12, 0), " ", semctl($s, 1, 12, 0), "\n";
print "nowait: ", (semop($s, pack("s!3", 1, -4, 04000)) ? "done" : "failed " . ($! + 0)), "\n";
$pid = fork;
if (!$pid) { semop($s, pack("s!3", 1, -4, 0)) or die; print "child got 4\n"; exit 0 }
for (1 .. 500) { last if semctl($s, 1, 14, 0) > 0; select undef, undef, undef, 0.01 }
print "ncnt ", semctl($s, 1, 14, 0), "\n";
semop($s, pack("s!3", 1, 1, 0)) or die;
waitpid $pid, 0;
print "final ", semctl($s, 0, 12, 0), " ", semctl($s, 1, 12, 0), "\n";
semctl($s, 0, 0, 0) or die;

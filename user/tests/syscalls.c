// SPDX-License-Identifier: MIT
/*
 * The system call entry itself, as Linux's i386 kernel answers it: numbers
 * no kernel implements are -ENOSYS and change nothing, hm386's own numbers
 * (1000 and up) are -ENOSYS on Linux, getpid and getppid agree with fork,
 * and the registers the calls do not return in come back unchanged.
 */
#include <child.h>
#include <errno.h>
#include <ktap.h>
#include <unistd.h>

/* A call with every argument register set; EAX back, the others checked. */
static int registers_survive(long nr)
{
	long ret, b = 0x11111111, c = 0x22222222, d = 0x33333333,
	     s = 0x44444444, di = 0x55555555;
	long ob, oc, od, os, odi;

	__asm__ volatile("int $0x80"
			 : "=a"(ret), "=b"(ob), "=c"(oc), "=d"(od), "=S"(os),
			   "=D"(odi)
			 : "0"(nr), "1"(b), "2"(c), "3"(d), "4"(s), "5"(di)
			 : "memory");
	return ob == b && oc == c && od == d && os == s && odi == di;
}

static int child_pids(void *arg)
{
	pid_t parent = *(pid_t *)arg;

	return getppid() == parent && getpid() != parent ? 0 : 1;
}

int main(void)
{
	pid_t me = getpid();

	ktap_begin("syscalls", 4);
	EXPECT_EQ(syscall(999), -1);
	EXPECT_EQ(errno, ENOSYS);
	EXPECT_EQ(syscall(0x7fffffff), -1);
	EXPECT_EQ(errno, ENOSYS);
	EXPECT_EQ(syscall(-1), -1);
	EXPECT_EQ(errno, ENOSYS);
	ktap_case("unknown_numbers_are_enosys");

	/* 1004: past hm386's own calls; on Linux past every call. */
	EXPECT_EQ(syscall(1004), -1);
	EXPECT_EQ(errno, ENOSYS);
	if (on_hm386()) {
		/* hm386_meminfo(NULL): there, and refusing the pointer. */
		EXPECT_EQ(syscall(1001, (long)0), -1);
		EXPECT_EQ(errno, EFAULT);
		/* hm386_profile(1): there, refused without bench_profile=on. */
		EXPECT_EQ(syscall(1003, (long)1, (long)0), -1);
		EXPECT_EQ(errno, EPERM);
	} else {
		EXPECT_EQ(syscall(1000), -1);
		EXPECT_EQ(errno, ENOSYS);
	}
	ktap_case("hm386_numbers_only_on_hm386");

	EXPECT(me > 0);
	EXPECT_EQ(getpid(), me);
	EXPECT_EQ(run_child(child_pids, &me), 0);
	ktap_case("getpid_and_getppid_agree_with_fork");

	EXPECT(registers_survive(20));		/* getpid */
	EXPECT(registers_survive(999));		/* -ENOSYS */
	ktap_case("registers_survive_a_call");
	return ktap_end();
}

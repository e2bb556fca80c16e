/* SPDX-License-Identifier: MIT */
/* waitpid()/wait4() options and the status word, as Linux encodes it. */
#ifndef HM386_UAPI_WAIT_H
#define HM386_UAPI_WAIT_H

#define WNOHANG		1

#define W_EXITCODE(code, sig)	(((code) & 0xff) << 8 | ((sig) & 0x7f))
#define WIFEXITED(s)		(((s) & 0x7f) == 0)
#define WEXITSTATUS(s)		(((s) >> 8) & 0xff)
#define WIFSIGNALED(s)		(((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s)		((s) & 0x7f)

#define SIGILL		4
#define SIGFPE		8
#define SIGKILL		9
#define SIGSEGV		11
#define SIGPIPE		13

struct timespec32 {
	long tv_sec;
	long tv_nsec;
};

#endif

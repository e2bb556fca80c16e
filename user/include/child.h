/* SPDX-License-Identifier: MIT */
/* Child processes for the tests: run a function in one, and read how it
 * ended. */
#ifndef USER_CHILD_H
#define USER_CHILD_H

#include <stddef.h>

/* Run @fn(@arg) in a forked child that exits with what @fn returns; the
 * wait status (uapi/hm386/wait.h), or -1 when fork or waitpid failed (a
 * diagnostic says which). */
int run_child(int (*fn)(void *arg), void *arg);
/* Wait for child @pid: its wait status, or -1 with a diagnostic. */
int wait_child(pid_t pid);
/* True when wait status @status is a death by signal @sig. */
bool killed_by(int status, int sig);
/* "exit 3", "signal 11" or "no status" for @status, into @buf. */
const char *status_text(int status, char *buf, size_t size);

#endif

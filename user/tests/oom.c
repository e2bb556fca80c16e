// SPDX-License-Identifier: MIT
/*
 * Out of memory (hm386 only): children allocate and touch memory until the
 * kernel refuses (mmap fails with ENOMEM) or kills them; each must end one
 * way or the other, the parent lives on and can fork again. On Linux this
 * would only wake its OOM killer at random: the cases skip.
 */
#include <child.h>
#include <errno.h>
#include <ktap.h>
#include <stdio.h>
#include <unistd.h>

#define CHUNK		(1024 * 1024)
#define MAX_CHUNKS	2800	/* below the 3 GiB of user address space */
#define NR_HOGS		4	/* 4 x 2.8 GiB: more than an 8 GiB machine */

/* Map and touch CHUNKs until refused: exit 0 when refused with ENOMEM,
 * 1 when refused otherwise, 2 when the address space ran out first. */
static int hog(void *unused)
{
	for (int i = 0; i < MAX_CHUNKS; i++) {
		uint8_t *m = mmap(NULL, CHUNK, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED)
			return errno == ENOMEM ? 0 : 1;
		for (int off = 0; off < CHUNK; off += PAGE_SIZE)
			m[off] = 1;
	}
	return 2;
}

static int nothing(void *unused)
{
	return 0;
}

int main(void)
{
	pid_t pids[NR_HOGS];
	char text[24];

	ktap_begin("oom", 2);
	if (!on_hm386()) {
		ktap_skip("hogs_end_refused_or_killed", "hm386 only");
		ktap_skip("parent_lives_on", "hm386 only");
		return ktap_end();
	}
	for (int i = 0; i < NR_HOGS; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(hog(NULL));
	}
	for (int i = 0; i < NR_HOGS; i++) {
		int status = pids[i] < 0 ? -1 : wait_child(pids[i]);

		ktap_diag("hog %d: %s", i, status_text(status, text,
							sizeof(text)));
		EXPECT(status != -1);
		EXPECT(WIFSIGNALED(status) || WEXITSTATUS(status) != 1);
	}
	ktap_case("hogs_end_refused_or_killed");

	EXPECT_EQ(run_child(nothing, NULL), 0);
	ktap_case("parent_lives_on");
	return ktap_end();
}

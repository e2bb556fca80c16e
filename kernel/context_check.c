// SPDX-License-Identifier: MIT
/*
 * The context checks (include/kernel/context_check.h): one loop over the
 * .context_checks section for everything that asks "is this clean?".
 */
#include <kernel/context_check.h>
#include <kernel/panic.h>
#include <lib/printf.h>

extern const struct context_check __start_context_checks[],
	__stop_context_checks[];

#define for_each_context_check(c, scopes)				\
	for (const struct context_check *c = __start_context_checks;	\
	     c < __stop_context_checks; c++)				\
		if (c->scope & (scopes))

u32 context_check_count(void)
{
	return (u32)(__stop_context_checks - __start_context_checks);
}

const struct context_check *context_check_get(u32 i)
{
	return i < context_check_count() ? &__start_context_checks[i] : NULL;
}

u32 context_held(enum context_scope scopes, char *buf, size_t size)
{
	u32 dirty = 0;
	size_t len = 0;

	if (size)
		buf[0] = '\0';
	for_each_context_check(c, scopes) {
		u32 n = c->count();

		if (!n)
			continue;
		if (len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s: %u",
						dirty ? ", " : "", c->what, n);
		dirty++;
	}
	return dirty;
}

void context_repair(enum context_scope scopes)
{
	for_each_context_check(c, scopes) {
		if (!c->count())
			continue;
		c->repair();
		BUG_ON(c->count());
	}
}

// SPDX-License-Identifier: MIT
/*
 * The kernel command line: split into words, each word applied to the
 * parameter it names. Parameters live in the .kparams section, one
 * KERNEL_PARAM() beside the code that reads each.
 */
#include <kernel/cmdline.h>
#include <kernel/printk.h>
#include <lib/parse.h>
#include <lib/printf.h>
#include <lib/string.h>

#define WORD_MAX 256

extern const struct kernel_param __start_kparams[], __stop_kparams[];

static const char *const type_hint[] = {
	[KPARAM_BOOL] = "on/off, yes/no, true/false or 1/0",
	[KPARAM_UINT] = "a number below 2^32",
	[KPARAM_U64] = "a number",
	[KPARAM_SIZE] = "a size such as 4096, 512K, 64M or 2G",
	[KPARAM_STRING] = "a shorter string",
};

/* Parse @val into the parameter's value; false (nothing stored) if bad. */
static bool param_set(const struct kernel_param *p, const char *val)
{
	u64 n;
	bool b;

	switch (p->type) {
	case KPARAM_BOOL:
		if (!val) {
			*(bool *)p->value = true;
			return true;
		}
		if (parse_bool(val, &b))
			return false;
		*(bool *)p->value = b;
		return true;
	case KPARAM_UINT:
		if (!val || parse_u64(val, &n) || n > UINT32_MAX)
			return false;
		*(u32 *)p->value = (u32)n;
		return true;
	case KPARAM_U64:
		if (!val || parse_u64(val, &n))
			return false;
		*(u64 *)p->value = n;
		return true;
	case KPARAM_SIZE:
		if (!val || parse_size(val, &n))
			return false;
		*(u64 *)p->value = n;
		return true;
	case KPARAM_STRING:
		if (!val || strlen(val) >= p->size)
			return false;
		strlcpy(p->value, val, p->size);
		return true;
	}
	return false;
}

/*
 * Copy the next word of *@line into @word (a quoted part may hold spaces;
 * the quotes are dropped) and advance *@line. False at the end of the line.
 */
static bool next_word(const char **line, char *word, size_t size)
{
	const char *s = *line;
	size_t n = 0;
	bool quoted = false;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return false;
	for (; *s && (quoted || (*s != ' ' && *s != '\t')); s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (n + 1 < size)
			word[n++] = *s;
	}
	word[n] = '\0';
	*line = s;
	return true;
}

u32 cmdline_parse(const char *line, const struct kernel_param *params,
		  size_t n, void (*warn)(const char *msg))
{
	char word[WORD_MAX], msg[WORD_MAX + 128];
	u32 warnings = 0;
	bool first = true;

	while (next_word(&line, word, sizeof(word))) {
		char *val = strchr(word, '=');
		const struct kernel_param *p = NULL;

		if (!strcmp(word, "--"))
			break;		/* the rest is init's (proc/spawn.c) */
		if (first && !val && strchr(word, '/')) {
			first = false;	/* the image path QEMU -kernel prepends */
			continue;
		}
		first = false;
		if (val)
			*val++ = '\0';
		for (size_t i = 0; i < n; i++)
			if (!strcmp(params[i].name, word))
				p = &params[i];
		if (!p) {
			snprintf(msg, sizeof(msg), "unknown parameter '%s' ignored", word);
		} else if (!param_set(p, val)) {
			snprintf(msg, sizeof(msg), "bad value '%s' for parameter '%s' "
				 "(expected %s); keeping the default", val ? val : "",
				 p->name, type_hint[p->type]);
		} else {
			continue;
		}
		warn(msg);
		warnings++;
	}
	return warnings;
}

static void cmdline_warn(const char *msg)
{
	pr_warn("cmdline: %s\n", msg);
}

void cmdline_init(const char *line)
{
	cmdline_parse(line, __start_kparams,
		      __stop_kparams - __start_kparams, cmdline_warn);
}

void cmdline_describe(void)
{
	for (const struct kernel_param *p = __start_kparams; p < __stop_kparams; p++)
		pr_info("  %-12s %s\n", p->name, p->help);
}

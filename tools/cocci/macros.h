/* SPDX-License-Identifier: MIT */
/*
 * What spatch needs to parse hm386's sources without their headers
 * (tools/cocci_lint.py passes it as --macro-file-builtins): annotations and
 * the registration macros that would otherwise read as syntax errors.
 */
#define __user
#define __force
#define __iomem
#define __init
#define __initdata
#define __noreturn
#define __always_inline inline
#define __packed
#define __aligned(x)
#define __unused
#define __maybe_unused
#define __used
#define __section(x)
#define __printf(a, b)
#define LAB_STATIC
#define LAB_EXERCISE(n)

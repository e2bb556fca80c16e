/* SPDX-License-Identifier: MIT */
/*
 * struct new_utsname, what Linux's i386 uname(2) (number 122, newuname)
 * fills: six NUL-terminated strings of at most 64 characters.
 */
#ifndef HM386_UAPI_UTSNAME_H
#define HM386_UAPI_UTSNAME_H

#define UTSNAME_LEN	65

struct utsname {
	char sysname[UTSNAME_LEN];	/* "Linux", "hm386" */
	char nodename[UTSNAME_LEN];
	char release[UTSNAME_LEN];
	char version[UTSNAME_LEN];
	char machine[UTSNAME_LEN];	/* "i686" */
	char domainname[UTSNAME_LEN];
};

#endif

// SPDX-License-Identifier: MIT
/* true: exit 0 at once. The smallest program: what ubench's execve figure
 * starts. */
int main(void)
{
	return 0;
}

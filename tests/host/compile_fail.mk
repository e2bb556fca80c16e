# Compile-time checks of the kernel API (tests/compile_fail/run.sh): run by
# the host runner like a host unit test.
HOST_TESTS += $(B)/host/compile_fail
$(B)/host/compile_fail: tests/compile_fail/run.sh $(wildcard tests/compile_fail/*.c)
	$(call quiet,GEN,$@)mkdir -p $(@D) && \
		printf '#!/bin/sh\nexec sh tests/compile_fail/run.sh "%s"\n' "$(CC)" > $@ && chmod +x $@

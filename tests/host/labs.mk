# The labs' own test (tools/grade.py --check): for every lab N, the kernel's
# own code scores full marks and build/labN/hm386.elf, the lab build with the
# stubs of labs/labN/, scores less. One host test per lab, so that the runner
# can run them beside other jobs; each boots its guests one at a time.
LAB_CHECKS := $(foreach n,$(LABS),$(B)/host/grade_lab$(n))
HOST_TESTS += $(LAB_CHECKS)

$(B)/host/grade_lab%: $(B)/hm386.elf $(B)/lab%/hm386.elf tools/grade.py \
		$(wildcard tests/hm386test/*.py)
	$(call quiet,GEN,$@)mkdir -p $(@D) && \
		printf '#!/bin/sh\nexec %s -m tools.grade --check %s --kernel %s --lab-kernel %s\n' \
		"$(PYTHON)" $* $(B)/hm386.elf $(B)/lab$*/hm386.elf > $@ && chmod +x $@

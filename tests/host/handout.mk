# The handouts' own tests (tests/handout/, docs/testing.md). handout_labN
# writes lab N's handout and checks that it holds no solution, builds,
# boots, grades below full with the stubs and full with the kernel's own
# bodies. gradescope_graded and gradescope_hangs run
# tools/gradescope/run_autograder on a fake /autograder with submissions of
# lab 2 (correct, wrong, empty, missing; an endless loop, a triple fault)
# and check its results.json.
HANDOUT_CHECKS := $(foreach n,$(LABS),$(B)/host/handout_lab$(n))
GRADESCOPE_CHECKS := $(B)/host/gradescope_graded $(B)/host/gradescope_hangs
HOST_TESTS += $(HANDOUT_CHECKS) $(GRADESCOPE_CHECKS)
HANDOUT_TOOLS := tools/handout.py tools/lab_marks.py tools/grade.py \
	tools/grade_results.py $(wildcard tests/handout/*.py tools/gradescope/*)

# The lab kernels: their objects seed the handouts' builds (up to date).
$(B)/host/handout_lab%: $(HANDOUT_TOOLS) $(foreach n,$(LABS),$(B)/lab$(n)/hm386.elf)
	$(call quiet,GEN,$@)mkdir -p $(@D) && \
		printf '#!/bin/sh\nexec %s -m tests.handout.check %s\n' "$(PYTHON)" $* > $@ && \
		chmod +x $@

$(B)/host/gradescope_%: $(HANDOUT_TOOLS)
	$(call quiet,GEN,$@)mkdir -p $(@D) && \
		printf '#!/bin/sh\nexec %s -m tests.handout.gradescope %s\n' "$(PYTHON)" $* > $@ && \
		chmod +x $@

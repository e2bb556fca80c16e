# The handouts' own tests (tests/handout/, docs/testing.md). handout_labN
# writes lab N's handout and checks that it holds no solution, builds,
# boots, grades below full with the stubs and full with the kernel's own
# bodies. gradescope_KIND runs tools/gradescope/run_autograder on a fake
# /autograder with one submission of lab 2 (correct, wrong, empty, missing,
# an endless loop, a triple fault) and checks its results.json.
HANDOUT_CHECKS := $(foreach n,$(LABS),$(B)/host/handout_lab$(n))
GRADESCOPE_CHECKS := $(foreach k,correct wrong empty missing loop triple_fault,\
	$(B)/host/gradescope_$(k))
HOST_TESTS += $(HANDOUT_CHECKS) $(GRADESCOPE_CHECKS)
HANDOUT_TOOLS := tools/handout.py tools/lab_marks.py tools/grade.py \
	tools/grade_results.py $(wildcard tests/handout/*.py tools/gradescope/*)

$(B)/host/handout_lab%: $(HANDOUT_TOOLS)
	$(call quiet,GEN,$@)mkdir -p $(@D) && \
		printf '#!/bin/sh\nexec %s -m tests.handout.check %s\n' "$(PYTHON)" $* > $@ && \
		chmod +x $@

$(B)/host/gradescope_%: $(HANDOUT_TOOLS)
	$(call quiet,GEN,$@)mkdir -p $(@D) && \
		printf '#!/bin/sh\nexec %s -m tests.handout.gradescope %s\n' "$(PYTHON)" $* > $@ && \
		chmod +x $@

# The labs' own test (tools/grade.py --check): for every lab N, the kernel's
# own code scores full marks; build/labN/hm386.elf, the lab build with the
# stubs of labs/labN/, scores less; and so does every wrong submission kept
# in tests/labs/labN/ (docs/labs/README.md, "Who checks the labs"): empty.c
# and misspelled.c must not link (no fallback to the kernel's exercises),
# the others must link and score below full. One host test per lab, so that
# the runner can run them beside other jobs; each boots its guests one at a
# time.
LAB_CHECKS := $(foreach n,$(LABS),$(B)/host/grade_lab$(n))
HOST_TESTS += $(LAB_CHECKS)

# Each wrong submission tests/labs/labN/NAME.c is compiled like lab code
# (into $(B)/lab/k/) and linked as lab N's code into
# $(B)/lab-variants/labN/NAME/: only a link, the kernel objects are the lab
# kernels'. The link may fail, as it must for empty.c: then hm386.elf is
# missing and link-error.txt says why (tools/lab-ld.sh); the stamp `linked`
# records that it was tried, and NAME.log holds the output.
LAB_VARIANTS := $(wildcard tests/labs/lab*/*.c)
LAB_VARIANT_OBJ := $(LAB_VARIANTS:%.c=$(B)/lab/k/%.o)

# $(call lab-variant,labN/NAME,N): the rule of one wrong submission.
define lab-variant
$(B)/lab-variants/$(1)/linked: $(B)/lab/k/tests/labs/$(1).o $$(LAB_LINK_DEPS) \
		$(B)/lab/discard-$(2).ld
	$$(call quiet,LD,$$(@D)/hm386.elf)mkdir -p $$(@D) && rm -f $$(@D)/hm386.elf && \
		{ $$(call lab-link,$(2),$$(@D),$$<) ; } > $$(@D).log 2>&1; touch $$@
endef
$(foreach v,$(LAB_VARIANTS),$(eval $(call lab-variant,$(v:tests/labs/%.c=%),$(patsubst tests/labs/lab%/,%,$(dir $(v))))))
-include $(LAB_VARIANT_OBJ:.o=.d)
$(LAB_VARIANT_OBJ): Makefile

# $(call lab-check,N): the rule of host/grade_labN.
define lab-check
LAB$(1)_VARIANTS := $$(filter tests/labs/lab$(1)/%,$$(LAB_VARIANTS))
$(B)/host/grade_lab$(1): $(B)/hm386.elf $(B)/lab$(1)/hm386.elf $(B)/initramfs.cpio $(B)/disk-test.img \
		$(B)/lab9-ext2.img tools/grade.py \
		tools/kmap_lint.py $$(wildcard tests/hm386test/*.py) \
		$$(LAB$(1)_VARIANTS:tests/labs/%.c=$(B)/lab-variants/%/linked)
	$$(call quiet,GEN,$$@)mkdir -p $$(@D) && \
		printf '#!/bin/sh\nexec %s -m tools.grade --check %s --kernel %s --lab-kernel %s %s\n' \
		"$(PYTHON)" $(1) $(B)/hm386.elf $(B)/lab$(1)/hm386.elf \
		"$$(foreach v,$$(LAB$(1)_VARIANTS),--variant $$(v)=$(B)/lab-variants/$$(v:tests/labs/%.c=%))" \
		> $$@ && chmod +x $$@
endef
$(foreach n,$(LABS),$(eval $(call lab-check,$(n))))

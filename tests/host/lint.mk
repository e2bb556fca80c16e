# The deprecated-API lint on Coccinelle (`make lint`, `make lint-fix`:
# tools/cocci_lint.py, the semantic patches of tools/cocci/, the text rules
# of tools/kmap_lint.py) and its own checks against fixtures
# (tests/lint/run.sh), run by the host runner like a host unit test.
LINT_TOOLS := tools/cocci_lint.py tools/kmap_lint.py $(wildcard tools/cocci/*)

.PHONY: lint lint-fix
lint:
	$(Q)$(PYTHON) -m tools.cocci_lint

# The simple kmap_atomic() pairs converted, as a patch to review; the tree
# is not touched.
lint-fix:
	$(Q)$(PYTHON) -m tools.cocci_lint --fix $(B)/lint-fix.patch

HOST_TESTS += $(B)/host/kmap_lint
$(B)/host/kmap_lint: tests/lint/run.sh tests/host/ktap.sh $(LINT_TOOLS) $(wildcard tests/lint/fixtures/*.c tests/lint/fixtures/*/*.c) \
		$(wildcard labs/*/*.c)
	$(call host-script,tests/lint/run.sh)

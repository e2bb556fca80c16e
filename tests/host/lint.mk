# The deprecated-API lint (`make lint`, tools/kmap_lint.py) and its own
# checks against fixtures (tests/lint/run.sh), run by the host runner like a
# host unit test.
.PHONY: lint
lint:
	$(Q)$(PYTHON) tools/kmap_lint.py

HOST_TESTS += $(B)/host/kmap_lint
$(B)/host/kmap_lint: tests/lint/run.sh tests/host/ktap.sh tools/kmap_lint.py $(wildcard tests/lint/fixtures/*.c tests/lint/fixtures/*/*.c)
	$(call host-script,tests/lint/run.sh)

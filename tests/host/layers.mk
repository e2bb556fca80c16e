# The layer rules (tools/layers.py, docs/architecture.md) and their own
# checks against fixtures (tests/layers/run.sh), run by the host runner like
# a host unit test. `make layers` checks the tree alone.
.PHONY: layers
layers:
	$(Q)$(PYTHON) tools/layers.py

HOST_TESTS += $(B)/host/layers
$(B)/host/layers: tests/layers/run.sh tests/host/ktap.sh tools/layers.py $(wildcard tests/layers/fixtures/*.c)
	$(call host-script,tests/layers/run.sh)

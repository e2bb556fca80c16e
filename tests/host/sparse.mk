# sparse over the kernel's C files (`make sparse`), as Linux's `make C=1`:
# __user pointers never dereferenced nor mixed with kernel pointers. Any
# warning fails. tests/sparse/run.sh proves it fails when it must.
SPARSE ?= sparse
SPARSE_FLAGS := -m32 -std=gnu11 -Iinclude -I. -D__float128=double \
	-DHM386_VERSION='"$(VERSION)"' -DHM386_GIT='"sparse"' \
	-DCONFIG_KMAP_DEBUG=$(KMAP_DEBUG) -DNR_CPUS=$(NR_CPUS)
.PHONY: sparse sparse-file
sparse:
	$(Q)command -v $(SPARSE) >/dev/null || { echo "sparse: not installed (apt-get install sparse)"; exit 1; }
	$(Q)out=$$(for f in $(KSRC_C); do $(SPARSE) $(SPARSE_FLAGS) $$f 2>&1; done); \
	if [ -n "$$out" ]; then echo "$$out"; echo "sparse: the warnings above"; exit 1; fi; \
	echo "sparse: $(words $(KSRC_C)) files, no warnings"
sparse-file:
	$(Q)out=$$($(SPARSE) $(SPARSE_FLAGS) $(F) 2>&1); echo "$$out"; [ -z "$$out" ]

HOST_TESTS += $(B)/host/sparse
$(B)/host/sparse: tests/sparse/run.sh tests/host/ktap.sh tests/host/sparse.mk $(wildcard tests/sparse/fixtures/*.c)
	$(call host-script,tests/sparse/run.sh)

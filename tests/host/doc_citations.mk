# The docs' FILE:LINE citations checked against the tree
# (tools/doc_citations.py; `make doc-citations`), and the checker's own checks
# against fixtures (tests/doc_citations/run.sh), run by the host runner like a
# host unit test.
.PHONY: doc-citations
doc-citations:
	$(Q)$(PYTHON) tools/doc_citations.py

HOST_TESTS += $(B)/host/doc_citations
$(B)/host/doc_citations: tests/doc_citations/run.sh tests/host/ktap.sh tools/doc_citations.py \
		$(wildcard tests/doc_citations/fixtures/*) $(wildcard docs/*.md docs/*/*.md) README.md
	$(call host-script,tests/doc_citations/run.sh)

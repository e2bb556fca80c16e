# hm386 — build, run and test. `make help` lists the targets.
#
# Kernel objects are found by wildcard: a new .c or .asm file in one of the
# kernel folders is built and linked with no edit here. Host unit tests and
# fuzzers register themselves through tests/host/*.mk and tests/fuzz/*.mk.

ifeq ($(origin CC),default)
CC := gcc
endif
LD := ld
NASM := nasm
OBJCOPY := objcopy
NM := nm
HOST_CC ?= gcc
FUZZ_CC ?= clang
PYTHON ?= python3

B := build
# The handout of a lab (`make handout N`, docs/labs/README.md) has this file:
# HANDOUT_LAB := N. Its kernel sources hold no code of lab N's exercises, so
# every kernel it builds is lab N's, with the student's labs/labN/.
-include labs/handout.mk
# Build settings, passed as -D overrides of the defaults in include/config.h
# (each documented there): debug kmap_local (guard slots, fault diagnosis)
# and the number of CPUs the kernel can use.
KMAP_DEBUG ?= 1
NR_CPUS ?= 8
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
GIT_REV := $(shell git rev-parse --short HEAD 2>/dev/null || echo nogit)

ifneq ($(V),1)
Q := @
quiet = @printf '  %-7s %s\n' $(1) $(2);
else
Q :=
quiet =
endif

# ---------------------------------------------------------------- kernel
KDIRS := boot arch/x86 mm block fs fs/ext2 proc kernel lib top tests/kernel tests/bench
KSRC_C := $(foreach d,$(KDIRS),$(wildcard $(d)/*.c))
KSRC_ASM := $(foreach d,$(KDIRS),$(wildcard $(d)/*.asm))
KOBJ := $(KSRC_C:%.c=$(B)/k/%.o) $(KSRC_ASM:%.asm=$(B)/k/%.o)

# -iquote .: private headers beside their code, included by tests, labs and
# the monitor with a path from the top ("mm/pkmap_internal.h").
KCFLAGS := -m32 -std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-builtin \
	-fno-stack-protector -fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-delete-null-pointer-checks -fno-strict-aliasing \
	-mno-sse -mno-sse2 -mno-mmx -mno-80387 -mno-red-zone \
	-O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-Iinclude -iquote . -DHM386_VERSION='"$(VERSION)"' -DHM386_GIT='"$(GIT_REV)"' \
	-DCONFIG_KMAP_DEBUG=$(KMAP_DEBUG) -DNR_CPUS=$(NR_CPUS) \
	-MMD -MP $(EXTRA_CFLAGS)
ifeq ($(findstring clang,$(CC)),clang)
KCFLAGS += --target=i386-pc-none-elf -Wno-unused-command-line-argument
else
# gcc may turn a loop into a call to memset/memcpy, even inside them.
KCFLAGS += -fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns
endif
# No DWARF from NASM: its line tables for .boot (linked low) confuse GDB;
# the assembly's symbols are enough to break on and to backtrace through.
NASMFLAGS := -f elf32 -Iinclude/
LDFLAGS := -m elf_i386 -nostdlib -z max-page-size=0x1000 -z noexecstack \
	--no-warn-rwx-segments -T linker.ld

# `make LAB=N` builds lab N's kernel instead (see "labs" below).
.PHONY: all
all: $(if $(LAB),$(B)/lab$(LAB)/hm386.elf,$(B)/hm386.elf)

$(B)/k/%.o: %.c
	$(call quiet,CC,$<)mkdir -p $(@D) && $(CC) $(KCFLAGS) -c $< -o $@

$(B)/k/%.o: %.asm
	$(call quiet,NASM,$<)mkdir -p $(@D) && $(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MT $@ $< -o $@

# The kernel carries its own symbol table (for backtraces): link once without
# it, extract the text symbols, link again with them. .ksyms sits after all
# code, so the second link moves no function.
$(B)/hm386.pre.elf: $(KOBJ) $(B)/k/ksyms_empty.o linker.ld
	$(call quiet,LD,$@)$(LD) $(LDFLAGS) -o $@ $(KOBJ) $(B)/k/ksyms_empty.o

$(B)/k/ksyms_empty.o: tools/ksyms.sh
	$(Q)mkdir -p $(@D) && : | sh tools/ksyms.sh > $(B)/k/ksyms_empty.S && \
		$(CC) -m32 -c $(B)/k/ksyms_empty.S -o $@ $(if $(findstring clang,$(CC)),--target=i386-pc-none-elf)

# $(call ksyms-cmd): $@, the symbol table of the pre-link ELF $<.
ksyms-cmd = $(call quiet,KSYMS,$@)$(NM) -n --defined-only $< | sh tools/ksyms.sh > $(@:.o=.S) && \
	$(CC) -m32 -c $(@:.o=.S) -o $@ $(if $(findstring clang,$(CC)),--target=i386-pc-none-elf)

$(B)/k/ksyms.o: $(B)/hm386.pre.elf tools/ksyms.sh
	$(ksyms-cmd)

ifeq ($(HANDOUT_LAB),)
$(B)/hm386.elf: $(KOBJ) $(B)/k/ksyms.o linker.ld
	$(call quiet,LD,$@)$(LD) $(LDFLAGS) -o $@ $(KOBJ) $(B)/k/ksyms.o && \
		sh tools/check-ksyms.sh $(B)/hm386.pre.elf $@
else
$(B)/hm386.elf: $(B)/lab$(HANDOUT_LAB)/hm386.elf
	$(call quiet,CP,$@)cp $< $@
endif

-include $(KOBJ:.o=.d)

# New flags rebuild everything.
$(KOBJ): Makefile

# ---------------------------------------------------------------- user space
include user/Makefile.inc

# ---------------------------------------------------------------- labs
# `make lab N` (or `make LAB=N`) builds $(B)/labN/hm386.elf: the kernel with
# lab N's exercises, the functions marked LAB_EXERCISE(N), replaced by the
# student's code in labs/labN/ (include/kernel/lab.h, docs/labs/). All lab
# kernels link one set of kernel objects, built with -DHM386_LAB in
# $(B)/lab/k/. `make grade N` boots lab N's kernel with the lab's self-tests
# and prints the score (tools/grade.py). `make lab` and `make grade` alone
# list the labs.
# NOT_IN_HANDOUT begin
# With SOLUTION=1, `make grade N` grades $(B)/hm386.elf, the kernel's own code.
# NOT_IN_HANDOUT end
LABS := $(sort $(patsubst labs/lab%,%,$(wildcard labs/lab[0-9]*)))
LAB_KOBJ := $(KOBJ:$(B)/k/%=$(B)/lab/k/%)

$(B)/lab/k/%.o: %.c
	$(call quiet,CC,$<)mkdir -p $(@D) && $(CC) $(KCFLAGS) -DHM386_LAB -c $< -o $@

$(B)/lab/k/%.o: %.asm
	$(call quiet,NASM,$<)mkdir -p $(@D) && $(NASM) $(NASMFLAGS) -MD $(@:.o=.d) -MT $@ $< -o $@

# lab N's kernel discards the kernel's own versions of lab N's exercises
# (the section .text.lab_exercise.N, include/kernel/lab.h): the student's
# code must define them all, or the link fails.
$(B)/lab/discard-%.ld: Makefile
	$(Q)mkdir -p $(@D) && \
		printf 'SECTIONS { /DISCARD/ : { *(.text.lab_exercise.%s) } }\n' $* > $@

# $(call lab-link,N,DIR,OBJS): the shell commands that link DIR/hm386.elf,
# lab N's kernel with the lab objects OBJS, twice like the kernel (the
# second time with its symbol table). The discard script comes before
# linker.ld, whose .text would take the section otherwise. tools/lab-ld.sh
# runs the first link: when an exercise is missing it says which, in
# DIR/link-error.txt too, and removes DIR/hm386.elf.
lab-link = mkdir -p $(2) && \
	sh tools/lab-ld.sh $(1) $(2) "$(patsubst $(B)/lab/k/%.o,%.c,$(3))" \
		$(LD) -T $(B)/lab/discard-$(1).ld $(LDFLAGS) -o $(2)/hm386.pre.elf \
		$(LAB_KOBJ) $(3) $(B)/k/ksyms_empty.o && \
	$(NM) -n --defined-only $(2)/hm386.pre.elf | sh tools/ksyms.sh > $(2)/ksyms.S && \
	$(CC) -m32 -c $(2)/ksyms.S -o $(2)/ksyms.o $(if $(findstring clang,$(CC)),--target=i386-pc-none-elf) && \
	$(LD) -T $(B)/lab/discard-$(1).ld $(LDFLAGS) -o $(2)/hm386.elf $(LAB_KOBJ) $(3) $(2)/ksyms.o && \
	sh tools/check-ksyms.sh $(2)/hm386.pre.elf $(2)/hm386.elf
LAB_LINK_DEPS = $(LAB_KOBJ) $(B)/k/ksyms_empty.o linker.ld tools/lab-ld.sh \
	tools/ksyms.sh tools/check-ksyms.sh

# $(call lab-kernel,N): the rules of $(B)/labN/hm386.elf, with labs/labN/*.c.
define lab-kernel
LAB$(1)_OBJ := $$(patsubst %.c,$(B)/lab/k/%.o,$$(wildcard labs/lab$(1)/*.c))
$(B)/lab$(1)/hm386.elf: $$(LAB$(1)_OBJ) $$(LAB_LINK_DEPS) $(B)/lab/discard-$(1).ld
	$$(call quiet,LD,$$@)$$(call lab-link,$(1),$(B)/lab$(1),$$(LAB$(1)_OBJ))
-include $$(LAB$(1)_OBJ:.o=.d)
$$(LAB$(1)_OBJ): Makefile
endef
$(foreach n,$(LABS),$(eval $(call lab-kernel,$(n))))
-include $(LAB_KOBJ:.o=.d)
$(LAB_KOBJ): Makefile

# In `make lab N`, `make grade N` and `make handout N` the N is the lab, not
# a target.
ifneq ($(filter lab grade handout,$(firstword $(MAKECMDGOALS))),)
LAB_GOAL := $(word 2,$(MAKECMDGOALS))
ifneq ($(LAB_GOAL),)
.PHONY: $(LAB_GOAL)
$(LAB_GOAL):
	@:
endif
endif
LAB_N := $(or $(LAB_GOAL),$(LAB))
ifneq ($(LAB_N),)
ifeq ($(filter $(LAB_N),$(LABS)),)
$(error no lab '$(LAB_N)': the labs are $(LABS); `make grade` lists them)
endif
endif
# The kernel that make run boots: lab N's with LAB=N.
KERNEL := $(if $(LAB),$(B)/lab$(LAB)/hm386.elf,$(B)/hm386.elf)
GRADE_KERNEL := $(B)/lab$(LAB_N)/hm386.elf
# NOT_IN_HANDOUT begin
GRADE_KERNEL := $(if $(SOLUTION),$(B)/hm386.elf,$(GRADE_KERNEL))
# NOT_IN_HANDOUT end
ifneq ($(and $(HANDOUT_LAB),$(SOLUTION)),)
$(error SOLUTION=1: this handout holds no code of lab $(HANDOUT_LAB)'s exercises, only yours)
endif
# make grade N RESULTS=FILE also writes FILE, the results in Gradescope's
# format (tools/grade_results.py).
GRADE_ARGS := $(if $(RESULTS),--results $(RESULTS))

# Both build the initramfs too: labs 7 and 8 grade user programs (user/);
# grade makes the scratch disk lab 10's boots write to.
.PHONY: lab grade
lab: $(if $(LAB_N),$(B)/lab$(LAB_N)/hm386.elf $(B)/initramfs.cpio)
ifeq ($(LAB_N),)
	@$(PYTHON) -m tools.grade --list
else
	@echo "lab $(LAB_N) kernel: $(B)/lab$(LAB_N)/hm386.elf (boot it: make run LAB=$(LAB_N); grade it: make grade $(LAB_N))"
endif

# A lab kernel that does not build grades 0, with the reason: the build's
# errors above, and tools/grade.py repeats a missing exercise's message.
grade: $(if $(LAB_N),deps $(B)/initramfs.cpio $(B)/disk-test.img $(B)/lab9-ext2.img)
ifeq ($(LAB_N),)
	@$(PYTHON) -m tools.grade --list
else
	@rm -f $(dir $(GRADE_KERNEL))link-error.txt; \
		$(MAKE) --no-print-directory $(GRADE_KERNEL) || rm -f $(GRADE_KERNEL); \
		$(PYTHON) -m tools.grade $(LAB_N) --kernel $(GRADE_KERNEL) \
		$(if $(SOLUTION),--solution) $(GRADE_ARGS)
endif

# NOT_IN_HANDOUT begin
# `make handout N`: $(B)/handout-labN/ and $(B)/hm386-labN.tar.gz, the tree
# a student of lab N receives (tools/handout.py, docs/labs/README.md).
.PHONY: handout
handout:
ifeq ($(LAB_N),)
	$(error make handout N: which lab? the labs are $(LABS))
else
	$(Q)$(PYTHON) -m tools.handout $(LAB_N) --out $(B)/handout-lab$(LAB_N) \
		--tar $(B)/hm386-lab$(LAB_N).tar.gz
endif
# NOT_IN_HANDOUT end

# ---------------------------------------------------------------- images
# $(call make-iso,ISO,CMDLINE[,INITRD]): a GRUB hybrid ISO (BIOS + i386-efi)
# whose entries boot hm386.elf with CMDLINE, and INITRD as the initramfs
# module when given. hm386-test.iso runs the self-tests; hm386-user.iso runs
# them with the initramfs (the user suite: one CPU, the oom case is long).
make-iso = $(call quiet,ISO,$(1))rm -rf $(1).d && mkdir -p $(1).d/boot/grub && \
	cp $(B)/hm386.elf $(1).d/boot/hm386.elf && \
	$(if $(3),cp $(3) $(1).d/boot/initramfs.cpio &&) \
	sed 's|@CMDLINE@|$(2)|; $(if $(3),,/initramfs.cpio/d)' boot/grub.cfg > \
		$(1).d/boot/grub/grub.cfg && \
	grub-mkrescue -o $(1) $(1).d >$(1).log 2>&1 || { cat $(1).log; exit 1; }

.PHONY: iso
iso: $(B)/hm386.iso $(B)/hm386-test.iso $(B)/hm386-user.iso
$(B)/hm386.iso: $(B)/hm386.elf $(B)/initramfs.cpio boot/grub.cfg
	$(call make-iso,$@,$(CMDLINE),$(B)/initramfs.cpio)
$(B)/hm386-test.iso: $(B)/hm386.elf boot/grub.cfg
	$(call make-iso,$@,ktest=all)
$(B)/hm386-user.iso: $(B)/hm386.elf $(B)/initramfs.cpio boot/grub.cfg
	$(call make-iso,$@,ktest=all,$(B)/initramfs.cpio)

# ---------------------------------------------------------------- UEFI loader
# boot/efi/: hm386.efi, an ia32 UEFI application built with gnu-efi (always
# with gcc: gnu-efi's headers and crt0 are made for it). It is linked as a
# relocatable shared object, then converted to PE32 by objcopy.
EFI_CC := gcc
GNUEFI_INC := /usr/include/efi
GNUEFI_LIB := /usr/lib32
EFI_SRC := $(wildcard boot/efi/*.c)
EFI_OBJ := $(EFI_SRC:%.c=$(B)/efi/%.o)
EFI_CFLAGS := -m32 -std=gnu11 -ffreestanding -fpic -fshort-wchar \
	-fno-stack-protector -fno-strict-aliasing -mno-sse -mno-mmx -mno-80387 \
	-O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-I$(GNUEFI_INC) -I$(GNUEFI_INC)/ia32 -Iinclude -MMD -MP
EFI_LDFLAGS := -m elf_i386 -nostdlib -znocombreloc -shared -Bsymbolic \
	-T $(GNUEFI_LIB)/elf_ia32_efi.lds
EFI_SECTIONS := -j .text -j .sdata -j .data -j .dynamic -j .dynsym \
	-j .rel -j .rela -j .reloc

.PHONY: efi
efi: $(B)/hm386.efi

$(B)/efi/%.o: %.c
	$(call quiet,CC,$<)mkdir -p $(@D) && $(EFI_CC) $(EFI_CFLAGS) -c $< -o $@

$(B)/hm386-efi.so: $(EFI_OBJ)
	$(call quiet,LD,$@)$(LD) $(EFI_LDFLAGS) $(GNUEFI_LIB)/crt0-efi-ia32.o \
		$(EFI_OBJ) -L$(GNUEFI_LIB) -lefi -lgnuefi -o $@

$(B)/hm386.efi: $(B)/hm386-efi.so
	$(call quiet,OBJCOPY,$@)$(OBJCOPY) $(EFI_SECTIONS) --target=efi-app-ia32 $< $@

-include $(EFI_OBJ:.o=.d)
$(EFI_OBJ): Makefile

# $(call make-efi-img,IMG,CMDLINE,KERNEL[,INITRD]): a FAT image the firmware
# boots: EFI/BOOT/BOOTIA32.EFI (hm386.efi), KERNEL as /hm386.elf (none if
# empty), /hm386.cfg holding CMDLINE, and INITRD as /initramfs.cpio, which
# hm386.efi hands to the kernel as its initramfs (none if empty).
make-efi-img = $(call quiet,IMG,$(1))rm -f $(1) && \
	dd if=/dev/zero of=$(1) bs=1M count=8 status=none && \
	mformat -i $(1) -v HM386 :: && mmd -i $(1) ::/EFI ::/EFI/BOOT && \
	mcopy -i $(1) $(B)/hm386.efi ::/EFI/BOOT/BOOTIA32.EFI && \
	$(if $(3),mcopy -i $(1) $(3) ::/hm386.elf &&) \
	$(if $(4),mcopy -i $(1) $(4) ::/initramfs.cpio &&) \
	printf '\# hm386 kernel command line: the first line not a comment\n%s\n' '$(2)' | \
		mcopy -i $(1) - ::/hm386.cfg

.PHONY: efi-img efi-test-img
efi-img: $(B)/hm386-efi.img
$(B)/hm386-efi.img: $(B)/hm386.efi $(B)/hm386.elf $(B)/initramfs.cpio
	$(call make-efi-img,$@,$(CMDLINE),$(B)/hm386.elf,$(B)/initramfs.cpio)

# The runner's images: the self-tests, and the loader's error paths (no
# kernel on the volume; an x86-64 ELF where the kernel should be; an i386
# ELF without a multiboot2 header; one whose segment lies in firmware
# memory: see tests/efi/fake-kernel.asm).
EFI_TEST_IMGS := $(B)/hm386-efi-test.img $(B)/hm386-efi-nokernel.img \
	$(B)/hm386-efi-x86_64.img $(B)/hm386-efi-noheader.img \
	$(B)/hm386-efi-overlap.img
efi-test-img: $(EFI_TEST_IMGS)
$(B)/hm386-efi-test.img: $(B)/hm386.efi $(B)/hm386.elf $(B)/initramfs.cpio
	$(call make-efi-img,$@,ktest=all,$(B)/hm386.elf,$(B)/initramfs.cpio)
$(B)/hm386-efi-nokernel.img: $(B)/hm386.efi
	$(call make-efi-img,$@,ktest=all,)
$(B)/hm386-x86_64.elf: $(B)/hm386.elf
	$(call quiet,OBJCOPY,$@)$(OBJCOPY) -O elf64-x86-64 $< $@
$(B)/hm386-efi-x86_64.img: $(B)/hm386.efi $(B)/hm386-x86_64.elf
	$(call make-efi-img,$@,ktest=all,$(B)/hm386-x86_64.elf)
$(B)/efi/noheader.elf: tests/efi/fake-kernel.asm
	$(call quiet,NASM,$@)mkdir -p $(@D) && $(NASM) -f elf32 $< -o $@.o && \
		$(LD) -m elf_i386 -Ttext=0x200000 -o $@ $@.o
$(B)/efi/overlap.elf: tests/efi/fake-kernel.asm
	$(call quiet,NASM,$@)mkdir -p $(@D) && $(NASM) -f elf32 -DMB2_HEADER $< -o $@.o && \
		$(LD) -m elf_i386 -Ttext=0x810000 -o $@ $@.o
$(B)/hm386-efi-noheader.img: $(B)/hm386.efi $(B)/efi/noheader.elf
	$(call make-efi-img,$@,ktest=all,$(B)/efi/noheader.elf)
$(B)/hm386-efi-overlap.img: $(B)/hm386.efi $(B)/efi/overlap.elf
	$(call make-efi-img,$@,ktest=all,$(B)/efi/overlap.elf)

# ---------------------------------------------------------------- host tests
HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter \
	-DHM386_HOST -Iinclude -Itests/host \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_CFLAGS := -std=gnu11 -g -O1 -DHM386_HOST -Iinclude -Itests/host \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_SECONDS ?= 30
HOST_TESTS :=
FUZZ_TARGETS :=
# $(call host-link): build $@ from all prerequisites that are .c files.
host-link = $(call quiet,HOSTCC,$@)mkdir -p $(@D) && $(HOST_CC) $(HOST_CFLAGS) -o $@ $(filter %.c,$^)
fuzz-link = $(call quiet,FUZZCC,$@)mkdir -p $(@D) && $(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(filter %.c,$^)
# $(call host-script,SCRIPT): $@, a host test that runs the shell check
# SCRIPT with $(PYTHON) (KTAP, like the unit tests: tests/host/ktap.sh).
host-script = $(call quiet,GEN,$@)mkdir -p $(@D) && \
	printf '\#!/bin/sh\nexec sh %s "%s"\n' $(1) "$(PYTHON)" > $@ && chmod +x $@
# $(call lab-sources,N): in the handout of lab N, the student's labs/labN/*.c,
# which the host tests of a module with lab N's exercises link; otherwise
# nothing. A handout compiles them as a lab build does.
lab-sources = $(if $(filter $(1),$(HANDOUT_LAB)),$(wildcard labs/lab$(1)/*.c))
ifneq ($(HANDOUT_LAB),)
HOST_CFLAGS += -DHM386_LAB -iquote .
FUZZ_CFLAGS += -DHM386_LAB -iquote .
endif
include $(wildcard tests/host/*.mk tests/fuzz/*.mk)

.PHONY: host-tests
host-tests: $(HOST_TESTS)
	$(Q)for t in $(HOST_TESTS); do ./$$t || exit 1; done

.PHONY: fuzz
fuzz: $(FUZZ_TARGETS)
	$(Q)for t in $(FUZZ_TARGETS); do n=$$(basename $$t); \
		mkdir -p $(B)/fuzz-corpus/$$n; \
		echo "fuzz $$n for $(FUZZ_SECONDS) s"; \
		./$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			$(B)/fuzz-corpus/$$n tests/fuzz/corpus/$$n || exit 1; done

# ---------------------------------------------------------------- run/test
QEMU := qemu-system-i386
QEMU_MEM ?= 1G
QEMU_CPU ?= max
QEMU_SMP ?= 1
CMDLINE ?=
GDB_PORT ?= 1234
# DISK=IMG attaches a raw disk image as hda (the primary IDE master);
# DISK_SNAPSHOT=1 keeps the image unchanged (writes go to a temporary file).
DISK ?=
comma := ,
QEMU_DISK = $(if $(DISK),-drive file=$(DISK)$(comma)if=ide$(comma)format=raw$(if $(DISK_SNAPSHOT),$(comma)snapshot=on))
QEMU_BASE = -m $(QEMU_MEM) -cpu $(QEMU_CPU) -smp $(QEMU_SMP) -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 $(QEMU_DISK) $(QEMU_EXTRA)

.PHONY: deps
deps:
	$(Q)sh tools/deps.sh

# 32-bit UEFI (OVMF ia32) on q35; each run starts from a fresh copy of the
# firmware's variable store.
OVMF_CODE := /usr/share/OVMF/OVMF32_CODE_4M.secboot.fd
OVMF_VARS := /usr/share/OVMF/OVMF32_VARS_4M.fd
QEMU_OVMF = -machine q35,smm=on -global driver=cfi.pflash01,property=secure,value=on \
	-drive if=pflash,format=raw,unit=0,readonly=on,file=$(OVMF_CODE) \
	-drive if=pflash,format=raw,unit=1,file=$(B)/ovmf-vars.fd -nic none

.PHONY: run run-iso run-efi run-efi-direct gdb
# QEMU on the terminal: status 33 (halt, all tests passed) is success, 35
# and 37 are reported; line wrap is turned back on (tools/qemu-run.sh).
QEMU_RUN = sh tools/qemu-run.sh $(QEMU)
# INITRD: the initramfs given to `make run` (its /init starts the shell);
# `make run INITRD=` boots without one, to the monitor.
INITRD ?= $(B)/initramfs.cpio
run: deps $(KERNEL) $(INITRD)
	$(QEMU_RUN) $(QEMU_BASE) -nographic -kernel $(KERNEL) \
		$(if $(INITRD),-initrd $(INITRD)) -append "$(CMDLINE)"
run-iso: deps $(B)/hm386.iso
	$(QEMU_RUN) $(QEMU_BASE) -nographic -cdrom $(B)/hm386.iso
run-efi: deps $(B)/hm386.iso
	cp $(OVMF_VARS) $(B)/ovmf-vars.fd
	$(QEMU_RUN) $(QEMU_BASE) $(QEMU_OVMF) -nographic -cdrom $(B)/hm386.iso
# The image's hm386.cfg gets CMDLINE first.
run-efi-direct: deps $(B)/hm386-efi.img
	cp $(OVMF_VARS) $(B)/ovmf-vars.fd
	printf '%s\n' '$(CMDLINE)' | mcopy -o -i $(B)/hm386-efi.img - ::/hm386.cfg
	$(QEMU_RUN) $(QEMU_BASE) $(QEMU_OVMF) -nographic \
		-drive format=raw,file=$(B)/hm386-efi.img
gdb: deps $(B)/hm386.elf
	@echo "QEMU waits for GDB on port $(GDB_PORT); the serial output goes to $(B)/gdb-serial.log"
	$(QEMU) $(QEMU_BASE) -display none -serial file:$(B)/gdb-serial.log \
		-kernel $(B)/hm386.elf -append "$(CMDLINE)" -S \
		-gdb tcp:localhost:$(GDB_PORT) & qemu=$$!; \
		gdb -q -ex 'target remote localhost:$(GDB_PORT)' -x tools/gdbinit \
			$(B)/hm386.elf; kill $$qemu 2>/dev/null; true

.PHONY: test
test: deps all iso efi-test-img host-tests-build variant-kernels $(B)/disk-test.img $(B)/ext2.img \
		$(B)/lab9-ext2.img
	$(PYTHON) -m tests.hm386test --kernel $(B)/hm386.elf --iso $(B)/hm386.iso \
		--efi-img $(B)/hm386-efi-test.img \
		--host-tests "$(HOST_TESTS)" $(RUNNER_ARGS)

# An ext2 disk to look at (`make run DISK=$(B)/ext2.img CMDLINE=root=/dev/hda`:
# the shell finds it at /mnt): 8 MiB, 1 KiB blocks, the round trips' tree
# (tests/ext2/image.py: files across the block map's levels, sparse files,
# nested and large directories), made by Debian's mke2fs and debugfs.
.PHONY: ext2-img
ext2-img: $(B)/ext2.img
$(B)/ext2.img: tests/ext2/image.py
	$(call quiet,MKE2FS,$@)mkdir -p $(@D) && rm -f $@ && \
		$(PYTHON) -c 'from tests.ext2 import image; image.make_image("$@", 1024, 8192)'

# The block rows' scratch disk (docs/block.md): 160 GiB of zeros, sparse
# (the last sectors need 48-bit LBA); the rows open it with snapshot=on,
# so it stays zeros.
$(B)/disk-test.img:
	$(call quiet,DISK,$@)mkdir -p $(@D) && truncate -s 160G $@

# Lab 9's ext2 image (tests/ext2/lab9_image.py, mke2fs + debugfs): the
# graded boots attach it as hda with snapshot=on, so it stays as made.
$(B)/lab9-ext2.img: tests/ext2/lab9_image.py tests/ext2/image.py
	$(call quiet,MKE2FS,$@)mkdir -p $(@D) && $(PYTHON) -m tests.ext2.lab9_image $@.tmp && mv $@.tmp $@

# The matrix also boots the kernel as clang builds it (kernel-1G-max-clang)
# and the release build without kmap_local debugging (kernel-*-release).
.PHONY: variant-kernels
variant-kernels:
	$(Q)$(MAKE) --no-print-directory CC=clang B=$(B)/clang $(B)/clang/hm386.elf
	$(Q)$(MAKE) --no-print-directory KMAP_DEBUG=0 B=$(B)/release $(B)/release/hm386.elf

# Benchmarks (tools/bench.py, docs/benchmarks.md): deterministic figures
# under -icount, ratios, plots; not part of `make test`. BENCH_ARGS=--docs
# also rewrites the results in docs/benchmarks.md.
.PHONY: bench
bench: deps all iso variant-kernels linux-image $(B)/hm386-efi-test.img
	$(PYTHON) -m tools.bench $(BENCH_ARGS)

# The same static benchmark (/bin/ubench) on Debian's 686-pae Linux and on
# hm386 release and debug, at 1G, 8G and 512M, under the same QEMU
# arguments (tools/bench_linux.py): build/bench-linux.{json,md}. Each boot
# twice (the figures must repeat); about five minutes. Not part of
# `make test` (the rows ubench-* check that the program works).
.PHONY: bench-linux
bench-linux: deps all variant-kernels linux-image
	$(PYTHON) -m tools.bench_linux $(BENCH_LINUX_ARGS)

.PHONY: host-tests-build
host-tests-build: $(HOST_TESTS)

.PHONY: clean
clean:
	rm -rf $(B)

.PHONY: help
help:
	@echo "make            build $(B)/hm386.elf"
	@echo "make iso        build $(B)/hm386.iso (GRUB, BIOS + i386-efi)"
	@echo "make run        boot in QEMU into the monitor on this terminal (help"
	@echo "                lists its commands; halt or Ctrl-a x quits)"
	@echo "                CMDLINE='ktest=all' QEMU_MEM=4G QEMU_CPU=qemu32 QEMU_EXTRA=..."
	@echo "                DISK=IMG (hda) DISK_SNAPSHOT=1 (leave IMG unchanged)"
	@echo "make ext2-img   $(B)/ext2.img, an ext2 disk to mount (root=/dev/hda: /mnt)"
	@echo "make run-iso    boot the ISO through GRUB"
	@echo "make efi        build $(B)/hm386.efi (the ia32 UEFI loader, gnu-efi)"
	@echo "make efi-img    build $(B)/hm386-efi.img (FAT: hm386.efi, hm386.elf, hm386.cfg)"
	@echo "make run-efi    boot the ISO through GRUB on 32-bit UEFI (OVMF)"
	@echo "make run-efi-direct  boot $(B)/hm386-efi.img: hm386.efi on OVMF loads"
	@echo "                the kernel; CMDLINE goes into its hm386.cfg"
	@echo "make gdb        QEMU waits for GDB; GDB connects with symbols, breaks"
	@echo "                at kmain and kmap_local_page; helpers pte, pkmap,"
	@echo "                kmap-stack (tools/gdb/hm386.py); GDB_PORT=1234"
	@echo "make lab N      build $(B)/labN/hm386.elf: lab N's exercises replaced by"
	@echo "                labs/labN/ (docs/labs/); make run LAB=N boots it"
	@echo "make grade N    boot lab N's kernel with its self-tests, print the score;"
	@echo "                RESULTS=FILE also writes it for Gradescope; make grade"
	@echo "                lists the labs"
# NOT_IN_HANDOUT begin
	@echo "                SOLUTION=1 grades $(B)/hm386.elf (the kernel's own code)"
	@echo "make handout N  the tree a student of lab N receives, without its"
	@echo "                solution: $(B)/handout-labN/, $(B)/hm386-labN.tar.gz"
# NOT_IN_HANDOUT end
	@echo "make user       build $(B)/initramfs.cpio: /init, /bin/*, /tests/* (user/)"
	@echo "make linux-ref  run every /tests program on Debian's 686-pae Linux in QEMU"
	@echo "                (ONLY='fork_cow pipe' for some); log $(B)/linux/linux-ref.log"
	@echo "make test       build, boot the whole test matrix, run host tests"
	@echo "make host-tests host unit tests only (ASan + UBSan)"
	@echo "make fuzz       libFuzzer targets, FUZZ_SECONDS=$(FUZZ_SECONDS) each"
	@echo "make lint       Coccinelle: every deprecated kmap call, and the sites to convert by hand"
	@echo "make lint-fix   the simple kmap_atomic() pairs converted: $(B)/lint-fix.patch"
	@echo "make bench      deterministic benchmarks (-icount): build/bench.{json,md,svg}"
	@echo "make bench-linux  /bin/ubench on Linux and hm386 side by side: build/bench-linux.{json,md}"
	@echo "make clean      remove $(B)/"
	@echo "V=1             show commands"

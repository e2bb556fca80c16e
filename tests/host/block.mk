# The ATA driver judged from outside (tests/block/disk_image.py): hm386
# writes through LBA28 and LBA48 requests to a fresh scratch disk, and the
# host finds the bytes at those sectors of the image file. Run by the host
# runner like a host unit test.
HOST_TESTS += $(B)/host/block_disk_image
$(B)/host/block_disk_image: tests/block/run.sh tests/block/disk_image.py \
		$(B)/hm386.elf
	$(call host-script,tests/block/run.sh)

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal KVM guest for the KML tests: one vCPU in real mode running
 * "mov $0x2a, %al; out %al, $0x10; hlt" from guest address 0x1000.
 */
#ifndef KML_GUEST_KVM_H
#define KML_GUEST_KVM_H

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

struct kvm_guest {
	int kvm, vm, vcpu;
	struct kvm_run *run;
	void *mem;
};

/* Open /dev/kvm and create the VM and its vCPU; 0 or -errno. */
static inline int kvm_guest_create(struct kvm_guest *g)
{
	static const unsigned char code[] = { 0xb0, 0x2a, 0xe6, 0x10, 0xf4 };
	struct kvm_userspace_memory_region region = { 0 };
	long size;

	memset(g, 0, sizeof(*g));
	g->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (g->kvm < 0)
		return -errno;
	if (ioctl(g->kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
		return -EINVAL;
	g->vm = ioctl(g->kvm, KVM_CREATE_VM, 0);
	if (g->vm < 0)
		return -errno;
	g->mem = mmap(NULL, 0x1000, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (g->mem == MAP_FAILED)
		return -errno;
	memcpy(g->mem, code, sizeof(code));
	region.guest_phys_addr = 0x1000;
	region.memory_size = 0x1000;
	region.userspace_addr = (unsigned long)g->mem;
	if (ioctl(g->vm, KVM_SET_USER_MEMORY_REGION, &region))
		return -errno;
	g->vcpu = ioctl(g->vm, KVM_CREATE_VCPU, 0);
	if (g->vcpu < 0)
		return -errno;
	size = ioctl(g->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size <= 0)
		return -EINVAL;
	g->run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, g->vcpu, 0);
	if (g->run == MAP_FAILED)
		return -errno;
	return 0;
}

/* Point the vCPU at the code again; 0 or -errno. */
static inline int kvm_guest_reset(struct kvm_guest *g)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs = { 0 };

	if (ioctl(g->vcpu, KVM_GET_SREGS, &sregs))
		return -errno;
	sregs.cs.base = 0;
	sregs.cs.selector = 0;
	if (ioctl(g->vcpu, KVM_SET_SREGS, &sregs))
		return -errno;
	regs.rip = 0x1000;
	regs.rflags = 2;
	if (ioctl(g->vcpu, KVM_SET_REGS, &regs))
		return -errno;
	return 0;
}

/*
 * Run the guest to its hlt: 0 when it wrote 0x2a to port 0x10 and halted,
 * else -errno (of KVM_RUN or the setup) or -EIO (an unexpected exit).
 */
static inline int kvm_guest_run(struct kvm_guest *g)
{
	int ret = kvm_guest_reset(g), out = 0;

	if (ret)
		return ret;
	for (;;) {
		if (ioctl(g->vcpu, KVM_RUN, 0))
			return -errno;
		switch (g->run->exit_reason) {
		case KVM_EXIT_IO:
			if (g->run->io.port == 0x10 &&
			    *((unsigned char *)g->run + g->run->io.data_offset) == 0x2a)
				out = 1;
			break;
		case KVM_EXIT_HLT:
			return out ? 0 : -EIO;
		default:
			return -EIO;
		}
	}
}

#endif /* KML_GUEST_KVM_H */

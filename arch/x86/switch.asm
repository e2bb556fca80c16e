; Context switch between kernel tasks (kernel/sched.c).
;
; struct task *switch_to(struct task *prev, struct task *next)
; Saves the callee-saved registers on prev's stack and prev's ESP in
; prev->esp (offset 0 of struct task), loads next's ESP and registers, and
; returns on next's stack. It returns the task that switched to us: the
; prev of the switch_to call that resumed this stack. Interrupts are off.

section .text
global switch_to, task_start
extern task_entry

switch_to:
	mov eax, [esp + 4]		; prev
	mov edx, [esp + 8]		; next
	push ebp
	push ebx
	push esi
	push edi
	mov [eax], esp
	mov esp, [edx]
	pop edi
	pop esi
	pop ebx
	pop ebp
	ret				; eax: prev, as seen by next

; A new task's first "return" from switch_to lands here: eax is the task
; that switched to it. task_entry(prev) never returns.
task_start:
	xor ebp, ebp			; the backtrace stops here
	push eax
	call task_entry
.hang:
	cli
	hlt
	jmp .hang
